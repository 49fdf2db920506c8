package io.postkit.core;

import io.postkit.core.api.Workspace;

import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.render.Hazard;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Online mode end to end on tables with rows: the plan holds no statement that blocks writes for the length of a
 * scan or build, its non-transactional steps become transaction:false migrations, the clone converges (a new plan
 * is empty) and a deploy leaves the remote with valid constraints and ready indexes.
 */
class OnlineModeIT {

    private static final String REMOTE = """
            CREATE TABLE customers (id bigint PRIMARY KEY, name text);
            CREATE TABLE orders (id bigint, customer_id bigint, email text, total numeric);
            INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 500) g;
            INSERT INTO orders SELECT g, 1 + g % 500, 'o' || g || '@x', g FROM generate_series(1, 5000) g;
            """;

    private static final String DESIRED = """
            CREATE TABLE customers (id bigint PRIMARY KEY, name text);
            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                customer_id bigint REFERENCES customers (id),
                email text NOT NULL,
                total numeric CONSTRAINT orders_total_positive CHECK (total > 0)
            );
            CREATE INDEX orders_email_idx ON orders (lower(email));
            CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;
            """;

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    @ParameterizedTest
    @MethodSource("majors")
    void onlinePlanBlocksNoWritesAndConverges(int major) throws Exception {
        TestProject project = TestProject.withRemote("online", major, REMOTE, DESIRED);
        TestDatabase remote = project.remote();
        Workspace workspace = project.onlineWorkspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);

        PlanDocument plan = new PlanCommand(workspace, Clock.systemUTC()).run();
        List<String> sql = plan.statements().stream().map(PlannedStatement::sql).toList();
        assertTrue(sql.stream().anyMatch(s -> s.startsWith("CREATE INDEX CONCURRENTLY \"orders_email_idx\"")
                || s.startsWith("CREATE INDEX CONCURRENTLY orders_email_idx")), sql.toString());
        assertTrue(sql.stream().anyMatch(s -> s.startsWith("CREATE UNIQUE INDEX CONCURRENTLY \"orders_pkey\"")),
                sql.toString());
        assertTrue(sql.stream().anyMatch(s -> s.contains("FOREIGN KEY") && s.endsWith("NOT VALID")), sql.toString());
        assertTrue(sql.stream().anyMatch(s -> s.contains("VALIDATE CONSTRAINT \"orders_total_positive\"")),
                sql.toString());
        assertTrue(sql.stream().anyMatch(s -> s.contains("\"postkit_not_null_email\"")), sql.toString());
        for (PlannedStatement s : plan.statements()) {
            assertTrue(!s.hazards().contains(Hazard.LONG_LOCK), "blocks writes: " + s.sql());
            assertTrue(!s.hazards().contains(Hazard.VALIDATION_SCAN) || !s.transactional(),
                    "validates while holding the lock of the statements before it: " + s.sql());
        }

        List<MigrationFile> migrations = new ApplyCommand(workspace, Clock.systemUTC())
                .run(new ApplyCommand.Options(false, "online"));
        assertTrue(migrations.size() > 1, "one migration per transactional run: " + migrations.size());
        assertTrue(migrations.stream().anyMatch(m -> !m.upTransactional()));
        Path sessionDir = project.dir().resolve(".postkit/db/session");
        assertTrue(Files.isDirectory(sessionDir) || Files.isDirectory(project.dir().resolve(".postkit/db")));
        try (Stream<Path> files = Files.walk(project.dir().resolve(".postkit"))) {
            assertTrue(files.filter(f -> f.toString().endsWith(".sql")).anyMatch(f -> read(f)
                    .contains("-- migrate:up transaction:false")), "a transaction:false migration file");
        }
        assertEquals(List.of(), new PlanCommand(workspace, Clock.systemUTC()).run().statements(),
                "a new plan after the online migrations is empty");

        new CommitCommand(workspace, Clock.systemUTC()).run();
        DeployCommand.Result result = new DeployCommand(workspace, Clock.systemUTC())
                .run(new DeployCommand.Options(null, false, true, Duration.ZERO, Duration.ofSeconds(5), 0));
        assertTrue(result.applied());
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_constraint WHERE NOT convalidated"
                + " AND conrelid = 'orders'::regclass"), "every constraint validated on the remote");
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_index WHERE NOT indisvalid"
                + " AND indrelid = 'orders'::regclass"), "every index valid on the remote");
        assertEquals(1, remote.queryInt("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                + " AND attname = 'email' AND attnotnull"));
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'postkit_not_null%'"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
