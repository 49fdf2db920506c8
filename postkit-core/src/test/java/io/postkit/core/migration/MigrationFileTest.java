package io.postkit.core.migration;

import io.postkit.core.PostkitException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationFileTest {

    @Test
    void rendersAndParsesDbmatesFormat() {
        MigrationFile file = new MigrationFile("20261122101500", "add_orders", "CREATE TABLE t (id int);",
                "DROP TABLE t;", true);
        assertEquals("20261122101500_add_orders.sql", file.fileName());
        assertEquals("-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n", file.render());
        assertEquals(file, MigrationFile.parse(file.fileName(), file.render()));
    }

    @Test
    void readsTransactionFalseAndAMissingDownSection() {
        MigrationFile file = MigrationFile.parse("20260101000000_idx.sql",
                "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
        assertFalse(file.upTransactional());
        assertEquals("CREATE INDEX CONCURRENTLY i ON t (a);", file.up());
        assertEquals("", file.down());
        assertTrue(file.render().startsWith("-- migrate:up transaction:false\n"));
    }

    @Test
    void malformedFilesNameTheFileAndTheProblem() {
        PostkitException name = assertThrows(PostkitException.class, () -> MigrationFile.parse("add.sql", ""));
        assertTrue(name.getMessage().contains("add.sql is not named YYYYMMDDHHMMSS_<name>.sql"));
        PostkitException up = assertThrows(PostkitException.class,
                () -> MigrationFile.parse("20260101000000_x.sql", "CREATE TABLE t ();"));
        assertTrue(up.getMessage().contains("no '-- migrate:up' line"));
    }

    @Test
    void theChecksumFollowsTheContent() {
        MigrationFile a = new MigrationFile("20260101000000", "x", "SELECT 1;", "", true);
        MigrationFile b = new MigrationFile("20260101000000", "x", "SELECT 2;", "", true);
        assertEquals(64, a.checksum().length());
        assertNotEquals(a.checksum(), b.checksum());
    }

    @Test
    void versionsAreUtcAndUniqueWithinOneSecond() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:15:30.700Z"), ZoneOffset.ofHours(5));
        assertEquals("20261122101530", MigrationVersions.next(clock, List.of()));
        assertEquals("20261122101531", MigrationVersions.next(clock, List.of("20261122101530")));
        assertEquals("20261122101533", MigrationVersions.next(clock, List.of("20261122101532", "20261122101530")));
    }

    @Test
    void namesAreValidated() {
        MigrationVersions.validateName("add_orders_2");
        PostkitException e = assertThrows(PostkitException.class, () -> MigrationVersions.validateName("Add Orders"));
        assertTrue(e.getMessage().contains("'Add Orders' is not valid"));
    }
}
