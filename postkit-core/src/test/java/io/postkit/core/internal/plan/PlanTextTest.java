package io.postkit.core.internal.plan;

import io.postkit.core.internal.render.Hazard;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A script for {@code psql -f}: SET LOCAL does nothing outside a transaction block. */
class PlanTextTest {

    private static final PlannedStatement CREATE = new PlannedStatement("CREATE TABLE t (id int)", "table",
            "public.t", Set.of(), true);
    private static final PlannedStatement CONCURRENTLY = new PlannedStatement("CREATE INDEX CONCURRENTLY i ON t (id)",
            "index", "public.i", Set.of(Hazard.NON_TRANSACTIONAL), false);

    @Test
    void transactionalStatementsRunInOneTransactionWhereSetLocalHolds() {
        assertEquals("BEGIN;\n\nSET LOCAL check_function_bodies = off;\n\nCREATE TABLE t (id int);\n\nCOMMIT;\n",
                PlanText.script(List.of(SqlRenderer.SKIP_BODY_CHECKS, CREATE)));
        assertEquals("", PlanText.script(List.of()));
    }

    @Test
    void aStatementThatCannotRunInATransactionMakesTheSettingTheSessionsUntilReset() {
        assertEquals("SET check_function_bodies = off;\n\nCREATE TABLE t (id int);\n\n"
                + "CREATE INDEX CONCURRENTLY i ON t (id);\n\nRESET check_function_bodies;\n",
                PlanText.script(List.of(SqlRenderer.SKIP_BODY_CHECKS, CREATE, CONCURRENTLY)));
        assertEquals("CREATE INDEX CONCURRENTLY i ON t (id);\n", PlanText.script(List.of(CONCURRENTLY)));
    }
}
