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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(List.of("SET LOCAL check_function_bodies = off []",
                "CREATE OR REPLACE FUNCTION public.order_count()\n RETURNS bigint\n LANGUAGE sql\n"
                        + "AS $function$ SELECT count(*) FROM orders $function$ []",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"postkit_not_null_id\" CHECK (\"id\" IS NOT NULL)"
                        + " NOT VALID []",
                "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"postkit_not_null_id\""
                        + " [VALIDATION_SCAN, NON_TRANSACTIONAL] transaction:false",
                "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"id\" SET NOT NULL []",
                "ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"postkit_not_null_id\" []",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"postkit_not_null_email\" CHECK (\"email\" IS NOT NULL)"
                        + " NOT VALID []",
                "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"postkit_not_null_email\""
                        + " [VALIDATION_SCAN, NON_TRANSACTIONAL] transaction:false",
                "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"email\" SET NOT NULL []",
                "ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"postkit_not_null_email\" []",
                "CREATE UNIQUE INDEX CONCURRENTLY \"orders_pkey\" ON \"public\".\"orders\" (id) [NON_TRANSACTIONAL]"
                        + " transaction:false",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY USING INDEX \"orders_pkey\" []",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_total_positive\" CHECK ((total > (0)::numeric))"
                        + " NOT VALID []",
                "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"orders_total_positive\""
                        + " [VALIDATION_SCAN, NON_TRANSACTIONAL] transaction:false",
                "CREATE INDEX CONCURRENTLY orders_email_idx ON public.orders USING btree (lower(email))"
                        + " [NON_TRANSACTIONAL] transaction:false",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_customer_id_fkey\" FOREIGN KEY (customer_id)"
                        + " REFERENCES public.customers(id) NOT VALID []",
                "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"orders_customer_id_fkey\""
                        + " [VALIDATION_SCAN, NON_TRANSACTIONAL] transaction:false"),
                plan.statements().stream().map(OnlineModeIT::describe).toList(),
                "every statement, its hazards, and whether it runs in a transaction");
        for (PlannedStatement s : plan.statements()) {
            assertFalse(s.hazards().contains(Hazard.LONG_LOCK), "blocks writes: " + s.sql());
            assertFalse(s.hazards().contains(Hazard.VALIDATION_SCAN) && s.transactional(),
                    "validates while holding the lock of the statements before it: " + s.sql());
        }

        List<MigrationFile> migrations = new ApplyCommand(workspace, Clock.systemUTC())
                .run(new ApplyCommand.Options(false, "online"));
        assertEquals(List.of("online_1", "online_2 transaction:false", "online_3", "online_4 transaction:false",
                "online_5", "online_6 transaction:false", "online_7", "online_8 transaction:false", "online_9",
                "online_10 transaction:false"), migrations.stream().map(m -> m.name() + (m.upTransactional() ? ""
                : " transaction:false")).toList(), "one migration per run of transactional or other statements");
        Path sessionDir = project.dir().resolve(".postkit/db/session");
        try (Stream<Path> files = Files.list(sessionDir)) {
            assertEquals(migrations.stream().map(MigrationFile::fileName).sorted().toList(),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "the session's migration files");
        }
        for (MigrationFile m : migrations) {
            String text = read(sessionDir.resolve(m.fileName()));
            assertEquals(m.upTransactional() ? "-- migrate:up" : "-- migrate:up transaction:false",
                    text.lines().filter(l -> l.startsWith("-- migrate:up")).findFirst().orElseThrow(), m.fileName());
        }
        assertEquals(List.of(), new PlanCommand(workspace, Clock.systemUTC()).run().statements(),
                "a new plan after the online migrations is empty");

        new CommitCommand(workspace, Clock.systemUTC()).run();
        DeployCommand.Result result = new DeployCommand(workspace, Clock.systemUTC())
                .run(new DeployCommand.Options(null, false, true, Duration.ZERO, Duration.ofSeconds(5), 0));
        assertTrue(result.applied());
        String notNull = major >= 18
                ? "orders_email_not_null n validated=true, orders_id_not_null n validated=true, " : "";
        assertEquals("orders_customer_id_fkey f validated=true, " + notNull + "orders_pkey p validated=true,"
                + " orders_total_positive c validated=true", remote.queryValue("SELECT string_agg(conname || ' '"
                + " || contype::text || ' validated=' || convalidated,"
                + " ', ' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'orders'::regclass"),
                "every constraint on the remote, validated");
        assertEquals("orders_email_idx valid=true, orders_pkey valid=true", remote.queryValue("SELECT string_agg("
                + "indexrelid::regclass::text || ' valid=' || indisvalid, ', ' ORDER BY indexrelid::regclass::text)"
                + " FROM pg_index WHERE indrelid = 'orders'::regclass"), "every index on the remote, valid");
        assertEquals("t", remote.queryValue("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                + " AND attname = 'email'"));
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'postkit_not_null%'"));
    }

    /** A statement as "sql [hazards] (transaction:false)". */
    private static String describe(PlannedStatement s) {
        return s.sql() + " " + new java.util.TreeSet<>(s.hazards()) + (s.transactional() ? "" : " transaction:false");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
