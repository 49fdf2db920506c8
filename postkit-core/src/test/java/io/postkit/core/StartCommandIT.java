package io.postkit.core;

import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.testing.CatalogOracle;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code start} clones a remote into a local server of the same major, with identical data. */
class StartCommandIT {

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    private static final String REMOTE_SCHEMA = """
            CREATE TABLE customers (
                id bigserial PRIMARY KEY,
                email varchar(200) NOT NULL UNIQUE,
                profile jsonb,
                avatar bytea,
                balance numeric(12, 2) DEFAULT 0 NOT NULL,
                tags text[],
                created_at timestamptz NOT NULL DEFAULT now(),
                email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED
            );
            CREATE TABLE "Order Items" (
                id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                "customerId" bigint NOT NULL REFERENCES customers (id),
                "select" text,
                amount double precision
            );
            CREATE INDEX order_items_customer ON "Order Items" ("customerId");
            CREATE TABLE empty_table (id int PRIMARY KEY, note text);
            INSERT INTO customers (email, profile, avatar, balance, tags, created_at)
            SELECT 'c' || g || '@example.com', jsonb_build_object('n', g, 'odd', g % 2 = 1),
                   CASE WHEN g % 3 = 0 THEN decode(md5(g::text), 'hex') END, g * 1.25,
                   ARRAY['t' || (g % 7), 'quote''s'], timestamptz '2024-01-01' + g * interval '1 minute'
            FROM generate_series(1, 20000) g;
            INSERT INTO "Order Items" ("customerId", "select", amount)
            SELECT 1 + g % 20000, CASE WHEN g % 5 = 0 THEN NULL ELSE 'line ' || g END, g / 3.0
            FROM generate_series(1, 30000) g;
            """;

    @ParameterizedTest
    @MethodSource("majors")
    void clonesIntoTheSameMajorWithIdenticalData(int major) throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(major);
        remote.execute(REMOTE_SCHEMA);
        TestProject project = TestProject.create("start-" + major, remote);

        StartCommand.Result result = new StartCommand(project.workspace(), Clock.systemUTC()).run(null);

        assertEquals(major, result.major());
        EmbeddedPostgres local = new Project(project.workspace()).localServers().server(major);
        try (var server = local.start()) {
            try (Connection clone = server.connect(result.localDatabase()); Connection source = remote.connect()) {
                assertEquals(major, serverMajor(clone), "the local server runs the remote's major");
                assertEquals(tableFingerprints(source), tableFingerprints(clone));
                // the clone has postkit's migration table, which the remote gets at the first deploy
                new MigrationTable(MigrationTable.DEFAULT_NAME).ensureExists(source);
                assertEquals(List.of(), CatalogOracle.describe(clone, List.of("public"))
                        .differencesFrom(CatalogOracle.describe(source, List.of("public"))),
                        "the clone's schema, as the catalog oracle sees it, is the remote's");
                assertEquals(nextValue(source, "customers_id_seq"), nextValue(clone, "customers_id_seq"),
                        "sequence positions are cloned");
            }
        }
        assertTrue(project.dir().resolve(".postkit/db/session.json").toFile().isFile());
    }

    /** Per table: row count and an MD5 over every row's text, in a stable order. */
    static Map<String, String> tableFingerprints(Connection c) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        List<String> tables = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'public'"
                        + " AND tablename <> 'schema_migrations'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) || ':' ||"
                    + " coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t")) {
                rs.next();
                result.put(table, rs.getString(1));
            }
        }
        return result;
    }

    private static int serverMajor(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return rs.getInt(1) / 10000;
        }
    }

    private static long nextValue(Connection c, String sequence) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('" + sequence + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
