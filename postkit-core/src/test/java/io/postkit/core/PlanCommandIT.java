package io.postkit.core;

import io.postkit.core.api.Workspace;

import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.render.Hazard;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandIT {

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    /**
     * Definitions PostgreSQL prints differently once re-created from their printed text (a varchar IN list, an
     * expression index) must not show as changes when the schema files say exactly what the remote has.
     */
    @ParameterizedTest
    @MethodSource("majors")
    void schemaFilesThatMatchTheRemoteGiveAnEmptyPlan(int major) throws Exception {
        String schema = """
                CREATE TABLE orders (
                    id bigserial PRIMARY KEY,
                    status varchar(10) NOT NULL DEFAULT 'pending'
                        CONSTRAINT status_known CHECK (status IN ('pending', 'shipped')),
                    email text,
                    amount numeric(10, 2) CHECK (amount > 0)
                );
                CREATE INDEX orders_open ON orders (lower(email)) WHERE status IN ('pending');
                """;
        TestDatabase remote = TestPostgres.freshDatabase(major);
        remote.execute(schema + "INSERT INTO orders (status, email, amount) VALUES ('pending', 'A@x', 1);");
        TestProject project = TestProject.create("noop-plan-" + major, remote);
        project.schemaFile("tables/orders.sql", schema);
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);

        PlanDocument plan = new PlanCommand(workspace, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"),
                ZoneOffset.UTC)).run();

        assertEquals(List.of(), plan.statements());
        assertEquals("-- postkit plan, 2026-01-02T03:04:05Z, PostgreSQL " + remote.queryValue("SHOW server_version")
                + "\n-- no changes\n\n", Files.readString(project.dir().resolve(".postkit/db/plan.sql")));
    }

    /** LONG_LOCK means ACCESS EXCLUSIVE (or SHARE) on a table with rows: the clone's data decides. */
    @ParameterizedTest
    @MethodSource("majors")
    void rowHazardsAreShownOnlyForTablesWithRows(int major) throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(major);
        remote.execute("CREATE TABLE orders (id int, note text); CREATE TABLE audit (id int, note text);"
                + " INSERT INTO orders SELECT g, 'n' FROM generate_series(1, 100) g;");
        TestProject project = TestProject.create("row-hazards-" + major, remote);
        project.schemaFile("tables.sql", "CREATE TABLE orders (id int, note text); CREATE TABLE audit (id int,"
                + " note text); CREATE INDEX orders_note ON orders (note); CREATE INDEX audit_note ON audit (note);");
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);

        PlanDocument plan = new PlanCommand(workspace, Clock.systemUTC()).run();

        assertEquals(Set.of(Hazard.LONG_LOCK), hazardsOf(plan, "orders_note"));
        assertEquals(Set.of(), hazardsOf(plan, "audit_note"));
    }

    private static Set<Hazard> hazardsOf(PlanDocument plan, String index) {
        return plan.statements().stream().filter(s -> s.objectName().endsWith("." + index)).findFirst()
                .orElseThrow().hazards();
    }
}
