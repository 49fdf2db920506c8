package io.postkit.core;

import io.postkit.core.api.Confirmation;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCommandIT {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:15:30Z"), ZoneOffset.UTC);
    static final List<String> SCHEMAS = List.of("public", "billing");

    /** A shop as production has it: data, long signatures, views, triggers, policies, grants, two schemas. */
    static final String SHOP = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_reader') THEN CREATE ROLE shop_reader NOLOGIN; END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_app') THEN CREATE ROLE shop_app LOGIN; END IF;
            END $$;
            CREATE EXTENSION citext;
            CREATE SCHEMA billing;
            COMMENT ON SCHEMA billing IS 'Money matters';
            CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
            CREATE DOMAIN positive_amount AS numeric(12,2) CHECK (VALUE > 0);
            CREATE TYPE address AS (street text, city text);
            CREATE TABLE customers (
                id bigserial PRIMARY KEY,
                email citext NOT NULL UNIQUE,
                name text,
                tenant text NOT NULL DEFAULT current_user,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE customers IS 'People who buy';
            COMMENT ON COLUMN customers.email IS 'Unique, case-insensitive';
            CREATE TABLE orders (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
                status order_status NOT NULL DEFAULT 'new',
                total positive_amount,
                ship_to address,
                ordered_at timestamp without time zone NOT NULL DEFAULT now(),
                updated_at timestamp without time zone
            );
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            CREATE INDEX orders_open_idx ON orders (ordered_at) WHERE status <> 'shipped';
            COMMENT ON INDEX orders_customer_idx IS 'Orders by customer';
            CREATE TABLE billing.invoices (
                id serial PRIMARY KEY,
                order_id bigint NOT NULL REFERENCES public.orders (id),
                amount numeric(12,2) NOT NULL CHECK (amount >= 0),
                kind varchar(10) NOT NULL CHECK (kind IN ('invoice', 'credit'))
            );
            CREATE SEQUENCE billing.invoice_numbers START 1000;
            CREATE FUNCTION order_total_between(from_time timestamp without time zone,
                    to_time timestamp without time zone, customer_identifier bigint) RETURNS numeric
                LANGUAGE sql STABLE AS $$
                SELECT coalesce(sum(total), 0) FROM orders
                WHERE customer_id = customer_identifier AND ordered_at BETWEEN from_time AND to_time
            $$;
            COMMENT ON FUNCTION order_total_between(timestamp without time zone, timestamp without time zone, bigint)
                IS 'Revenue of one customer in a period';
            CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW
                WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_updated_at();
            CREATE TRIGGER invoices_touch BEFORE UPDATE ON billing.invoices FOR EACH ROW
                EXECUTE FUNCTION touch_updated_at();
            ALTER TABLE billing.invoices DISABLE TRIGGER invoices_touch;
            CREATE PROCEDURE archive_orders(before_time timestamp without time zone) LANGUAGE sql AS $$
                DELETE FROM orders WHERE ordered_at < before_time
            $$;
            CREATE VIEW customer_orders AS SELECT c.id, c.email, count(o.id) AS orders
                FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.email;
            CREATE VIEW a_big_customers AS SELECT id, email FROM customer_orders WHERE orders > 2;
            CREATE TABLE measurements (taken_on date NOT NULL, value numeric) PARTITION BY RANGE (taken_on);
            CREATE TABLE archive_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE MATERIALIZED VIEW order_stats AS SELECT status, count(*) AS n FROM orders GROUP BY status;
            CREATE UNIQUE INDEX order_stats_status_idx ON order_stats (status);
            ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
            CREATE POLICY customers_tenant ON customers FOR SELECT TO shop_app USING (tenant = current_user);
            CREATE POLICY customers_reader ON customers TO shop_reader USING (tenant IN ('a', 'b'));
            GRANT USAGE ON SCHEMA billing TO shop_reader;
            GRANT SELECT ON customers, orders, customer_orders TO shop_reader;
            GRANT SELECT, INSERT, UPDATE ON orders TO shop_app;
            GRANT SELECT (id, email) ON customers TO shop_app;
            REVOKE EXECUTE ON FUNCTION order_total_between(timestamp without time zone,
                timestamp without time zone, bigint) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION order_total_between(timestamp without time zone,
                timestamp without time zone, bigint) TO shop_app;
            GRANT SELECT ON ALL TABLES IN SCHEMA billing TO shop_reader;
            GRANT USAGE ON SEQUENCE billing.invoice_numbers TO shop_app;
            ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO shop_reader;
            INSERT INTO customers (email, name) SELECT 'c' || g || '@example.com', 'Customer ' || g
                FROM generate_series(1, 100) g;
            INSERT INTO orders (customer_id, status, total) SELECT 1 + g % 100, 'paid', g FROM generate_series(1, 300) g;
            INSERT INTO billing.invoices (order_id, amount, kind) SELECT g, g, 'invoice' FROM generate_series(1, 50) g;
            REFRESH MATERIALIZED VIEW order_stats;
            """;

    static Stream<Integer> majors() {
        return TestPostgres.majors().stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void anImportedDatabasePlansNothingInANewSessionAndAChangeDeploysToIt(int major) throws Exception {
        TestProject project = shop(major, "import");
        TestDatabase remote = project.remote();
        Workspace workspace = project.confirmingWorkspace(PostkitLog.SILENT, SCHEMAS, Confirmation.BATCH);

        ImportCommand.Result result = new ImportCommand(workspace, CLOCK)
                .run(new ImportCommand.Request(null, false, true));

        assertEquals(List.of("domains/0001_positive_amount.sql", "functions/0001_order_total_between.sql",
                "functions/0002_touch_updated_at.sql", "infra/0001_roles.sql", "infra/0002_schemas.sql",
                "infra/0003_extensions.sql", "materialized_views/0001_order_stats.sql",
                "procedures/0001_archive_orders.sql", "rls/0001_customers.customers_reader.sql",
                "rls/0002_customers.customers_tenant.sql", "sequences/0001_billing.invoice_numbers.sql",
                "tables/0001_billing.invoices.sql", "tables/0002_customers.sql", "tables/0003_measurements.sql",
                "tables/0004_archive_2025.sql", "tables/0005_orders.sql",
                "triggers/0001_billing.invoices.invoices_touch.sql", "triggers/0002_orders.orders_touch.sql",
                "types/0001_order_status.sql", "types/0002_address.sql", "views/0001_customer_orders.sql",
                "views/0002_a_big_customers.sql"),
                result.files().stream().filter(f -> !f.startsWith("grants/")).toList(),
                "one file per object, folders by kind, numbered in dependency order (a partition after its parent,"
                        + " a view after the view it reads)");
        assertEquals(result.files(), ImportFiles.list(project.schemaDir()), "the result lists what was written");
        ImportFiles.assertDeclarative(project);

        assertEquals("CREATE TYPE \"public\".\"order_status\" AS ENUM ('new', 'paid', 'shipped');\n",
                ImportFiles.read(project, "types/0001_order_status.sql"));
        String customers = ImportFiles.read(project, "tables/0002_customers.sql");
        ImportFiles.assertInOrder(customers, "CREATE SEQUENCE \"public\".\"customers_id_seq\"",
                "CREATE TABLE \"public\".\"customers\"", "OWNED BY \"public\".\"customers\".\"id\"",
                "ADD CONSTRAINT \"customers_email_key\" UNIQUE (email)", "ADD CONSTRAINT \"customers_pkey\"",
                "ENABLE ROW LEVEL SECURITY", "COMMENT ON TABLE \"public\".\"customers\" IS 'People who buy'",
                "COMMENT ON COLUMN \"public\".\"customers\".\"email\"");
        assertFalse(customers.contains("GRANT") || customers.contains("POLICY"), customers);
        ImportFiles.assertInOrder(ImportFiles.read(project, "tables/0005_orders.sql"), "CREATE TABLE",
                "CREATE INDEX orders_customer_idx", "FOREIGN KEY (customer_id) REFERENCES public.customers(id)",
                "COMMENT ON INDEX \"public\".\"orders_customer_idx\" IS 'Orders by customer'");
        ImportFiles.assertInOrder(ImportFiles.read(project, "functions/0001_order_total_between.sql"),
                "CREATE OR REPLACE FUNCTION public.order_total_between(from_time timestamp without time zone,"
                        + " to_time timestamp without time zone, customer_identifier bigint)",
                "COMMENT ON ROUTINE \"public\".\"order_total_between\"(from_time timestamp without time zone,"
                        + " to_time timestamp without time zone, customer_identifier bigint) IS");
        ImportFiles.assertInOrder(ImportFiles.read(project, "triggers/0001_billing.invoices.invoices_touch.sql"),
                "CREATE TRIGGER invoices_touch", "ALTER TABLE \"billing\".\"invoices\" DISABLE TRIGGER");
        ImportFiles.assertInOrder(ImportFiles.read(project, "materialized_views/0001_order_stats.sql"),
                "CREATE MATERIALIZED VIEW \"public\".\"order_stats\"", "CREATE UNIQUE INDEX order_stats_status_idx");
        ImportFiles.assertInOrder(ImportFiles.read(project, "infra/0001_roles.sql"), "CREATE ROLE \"shop_app\" LOGIN;",
                "CREATE ROLE \"shop_reader\" NOLOGIN;");
        ImportFiles.assertInOrder(ImportFiles.read(project, "infra/0002_schemas.sql"),
                "CREATE SCHEMA IF NOT EXISTS \"billing\";", "COMMENT ON SCHEMA \"billing\" IS 'Money matters';");
        assertEquals("CREATE EXTENSION IF NOT EXISTS \"citext\" WITH SCHEMA \"public\";\n",
                ImportFiles.read(project, "infra/0003_extensions.sql"));
        String grants = ImportFiles.grants(project);
        for (String grant : List.of("GRANT USAGE ON SCHEMA \"billing\" TO \"shop_reader\"",
                "GRANT SELECT (\"id\") ON TABLE \"public\".\"customers\" TO \"shop_app\"",
                "GRANT INSERT ON TABLE \"public\".\"orders\" TO \"shop_app\"",
                "GRANT USAGE ON SEQUENCE \"billing\".\"invoice_numbers\" TO \"shop_app\"",
                "REVOKE EXECUTE ON ROUTINE \"public\".\"order_total_between\"(from_time timestamp without time zone,"
                        + " to_time timestamp without time zone, customer_identifier bigint) FROM PUBLIC",
                "GRANT EXECUTE ON ROUTINE \"public\".\"order_total_between\"(from_time timestamp without time zone,"
                        + " to_time timestamp without time zone, customer_identifier bigint) TO \"shop_app\"",
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"postgres\" IN SCHEMA \"billing\" GRANT SELECT ON TABLES TO"
                        + " \"shop_reader\"")) {
            assertTrue(grants.contains(grant + ";\n"), () -> grant + " is missing from grants/:\n" + grants);
        }

        String baseline = "20261206101530_baseline.sql";
        assertEquals(baseline, result.baseline());
        String migration = Files.readString(project.dir().resolve(".postkit/db/migrations/" + baseline));
        ImportFiles.assertInOrder(migration, "-- migrate:up", "CREATE TYPE \"public\".\"order_status\"",
                "CREATE TABLE \"public\".\"orders\"", "CREATE VIEW \"public\".\"customer_orders\"",
                "CREATE VIEW \"public\".\"a_big_customers\"", "-- migrate:down", "DROP TABLE \"public\".\"orders\"");
        assertFalse(migration.contains("CREATE SCHEMA") || migration.contains("DROP SCHEMA")
                || migration.contains("EXTENSION") || migration.contains("CREATE ROLE"),
                "schemas, extensions and roles are infra's, which runs before the baseline:\n" + migration);
        assertEquals(baseline.substring(0, 14) + " " + ImportFiles.sha256(migration),
                remote.queryValue("SELECT string_agg(version || ' ' || checksum, ',') FROM schema_migrations"),
                "the baseline is recorded as applied on the source, with its checksum");
        String committed = Files.readString(project.dir().resolve(".postkit/db/committed.json"));
        assertTrue(committed.contains("\"version\" : \"20261206101530\"") && committed.contains("\"name\" : \"baseline\"")
                && committed.contains("\"test\" : \"2026-12-06T10:15:30Z\""), committed);
        assertEquals("100 300 50", remote.queryValue("SELECT (SELECT count(*) FROM customers) || ' ' ||"
                + " (SELECT count(*) FROM orders) || ' ' || (SELECT count(*) FROM billing.invoices)"),
                "the source keeps its data");

        assertNewSessionPlansNothing(workspace, "after import");

        project.schemaFile("tables/0006_reviews.sql", "CREATE TABLE reviews (id bigint PRIMARY KEY,"
                + " order_id bigint NOT NULL REFERENCES orders (id), stars int NOT NULL CHECK (stars BETWEEN 1 AND 5));");
        PlanDocument change = new PlanCommand(workspace, CLOCK).run();
        assertEquals(4, change.statements().size(), () -> PlanText.sql(change.statements()));
        assertTrue(change.statements().stream().allMatch(st -> st.sql().contains("\"public\".\"reviews\"")),
                () -> "the plan is the new table and nothing else:\n" + PlanText.sql(change.statements()));
        new ApplyCommand(workspace, CLOCK).run(new ApplyCommand.Options(false, "add_reviews"));
        new CommitCommand(workspace, CLOCK).run();
        DeployCommand.Result deployed = new DeployCommand(workspace, CLOCK).run(new DeployCommand.Options(null, false,
                true, Duration.ZERO, Duration.ofSeconds(5), 0));
        assertEquals(List.of("20261206101531_add_reviews.sql"),
                deployed.pending().stream().map(m -> m.fileName()).toList(), "only the change is pending on the source");
        assertEquals("20261206101530,20261206101531",
                remote.queryValue("SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations"));
        assertEquals("0", remote.queryValue("SELECT count(*) FROM reviews"));
    }

    /** With manageOwners, the files set each object's owner, infra creates the owning role, and nothing is planned. */
    @org.junit.jupiter.api.Test
    void ownersAreImportedWhenTheProjectManagesThem() throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(TestPostgres.majors().stream().max(Integer::compare)
                .orElseThrow());
        remote.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_owner') THEN"
                + " CREATE ROLE shop_owner NOLOGIN; END IF; END $$;"
                + " CREATE TYPE mood AS ENUM ('ok', 'meh'); ALTER TYPE mood OWNER TO shop_owner;"
                + " CREATE TABLE notes (id serial PRIMARY KEY, mood mood); ALTER TABLE notes OWNER TO shop_owner;"
                + " CREATE VIEW happy_notes AS SELECT id FROM notes WHERE mood = 'ok';"
                + " ALTER VIEW happy_notes OWNER TO shop_owner;"
                + " CREATE FUNCTION note_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM notes';"
                + " ALTER FUNCTION note_count() OWNER TO shop_owner;");
        TestProject project = TestProject.create("import-owners", remote);
        Workspace workspace = project.ownersWorkspace();

        new ImportCommand(workspace, CLOCK).run(new ImportCommand.Request(null, false, false));

        ImportFiles.assertInOrder(ImportFiles.read(project, "tables/0001_notes.sql"), "CREATE TABLE \"public\".\"notes\"",
                "ALTER TABLE \"public\".\"notes\" OWNER TO \"shop_owner\"");
        ImportFiles.assertInOrder(ImportFiles.read(project, "views/0001_happy_notes.sql"),
                "ALTER VIEW \"public\".\"happy_notes\" OWNER TO \"shop_owner\"");
        ImportFiles.assertInOrder(ImportFiles.read(project, "functions/0001_note_count.sql"),
                "ALTER FUNCTION \"public\".\"note_count\"() OWNER TO \"shop_owner\"");
        ImportFiles.assertInOrder(ImportFiles.read(project, "types/0001_mood.sql"),
                "ALTER TYPE \"public\".\"mood\" OWNER TO \"shop_owner\"");
        ImportFiles.assertInOrder(ImportFiles.read(project, "infra/0001_roles.sql"), "CREATE ROLE \"shop_owner\" NOLOGIN;");
        ImportFiles.assertDeclarative(project);
        assertNewSessionPlansNothing(workspace, "with owners as the source has them");
    }

    /**
     * The committed history (the baseline, then nothing else) deployed to a database of another cluster that has
     * none of the schema, not even its roles, gives what the schema files describe: deploy runs infra/ (roles,
     * schemas, extensions) first, then the baseline; a session there plans nothing.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void theImportedHistoryDeploysToAnEmptyDatabaseAfterInfra(int major) throws Exception {
        TestProject imported = shop(major, "import-source");
        new ImportCommand(imported.confirmingWorkspace(PostkitLog.SILENT, SCHEMAS, Confirmation.BATCH), CLOCK)
                .run(new ImportCommand.Request(null, false, true));

        EmbeddedPostgres otherCluster = TestPostgres.newServer(major, "import-target-" + major + "-"
                + ProcessHandle.current().pid(), ServerSettings.throwawayClone());
        try (RunningServer server = otherCluster.start()) {
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE shop");
            }
            TestDatabase target = new TestDatabase(server, major, "shop");
            TestProject project = TestProject.create("import-target-" + major, target);
            copyTree(imported.schemaDir(), project.schemaDir());
            copyTree(imported.dir().resolve(".postkit/db"), project.dir().resolve(".postkit/db"));
            assertEquals("0", target.queryValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'shop%'"),
                    "the other cluster has none of the source's roles");
            Workspace workspace = project.confirmingWorkspace(PostkitLog.SILENT, SCHEMAS, Confirmation.BATCH);

            DeployCommand.Result deployed = new DeployCommand(workspace, CLOCK).run(new DeployCommand.Options(null,
                    false, true, Duration.ZERO, Duration.ofSeconds(5), 0));

            assertTrue(deployed.applied());
            assertEquals(List.of("20261206101530_baseline.sql"),
                    deployed.pending().stream().map(m -> m.fileName()).toList());
            assertEquals("0", target.queryValue("SELECT count(*) FROM orders"));
            assertNewSessionPlansNothing(workspace, "on the database the baseline built");
        }
    }

    /** A fresh database of {@code major} holding {@link #SHOP}, and a project whose remote it is. */
    static TestProject shop(int major, String name) throws SQLException, IOException {
        TestDatabase source = TestPostgres.freshDatabase(major);
        source.execute(SHOP);
        return TestProject.create(name + "-" + major, source);
    }

    /** A new session on the workspace's remote plans nothing: the schema files say what the remote has. */
    private static void assertNewSessionPlansNothing(Workspace workspace, String when) {
        new StartCommand(workspace, CLOCK).run(null);
        PlanDocument plan = new PlanCommand(workspace, CLOCK).run();
        assertTrue(plan.isEmpty(), () -> "a new session " + when + " plans nothing, but:\n"
                + PlanText.sql(plan.statements()));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (String file : ImportFiles.list(from)) {
            Path target = to.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(file), target);
        }
    }
}
