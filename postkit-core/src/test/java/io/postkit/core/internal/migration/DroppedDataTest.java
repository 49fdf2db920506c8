package io.postkit.core.internal.migration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which tables and columns a statement drops, read from its words (the database resolves the names). */
class DroppedDataTest {

    @Test
    void dropTableNamesEveryTable() {
        assertEquals(List.of("drops table a", "drops table s.B"),
                DroppedData.dropsOf("DROP TABLE IF EXISTS a, s.\"B\" CASCADE"));
    }

    @Test
    void truncateEmptiesEveryTable() {
        assertEquals(List.of("empties table x", "empties table y"),
                DroppedData.dropsOf("TRUNCATE TABLE ONLY x, y RESTART IDENTITY CASCADE"));
    }

    @Test
    void alterTableDropsOnlyColumns() {
        assertEquals(List.of("drops column public.t.c", "drops column public.t.e"), DroppedData.dropsOf(
                "ALTER TABLE IF EXISTS ONLY \"public\".t DROP COLUMN IF EXISTS c, DROP CONSTRAINT k,"
                        + " ALTER COLUMN d DROP DEFAULT, ALTER COLUMN d DROP NOT NULL, DROP e CASCADE"));
    }

    @Test
    void otherStatementsDropNothing() {
        assertEquals(List.of(), DroppedData.dropsOf("DROP INDEX i"));
        assertEquals(List.of(), DroppedData.dropsOf("ALTER TABLE t ADD COLUMN drop_me int"));
        assertEquals(List.of(), DroppedData.dropsOf("SELECT 'DROP TABLE x'"));
    }
}
