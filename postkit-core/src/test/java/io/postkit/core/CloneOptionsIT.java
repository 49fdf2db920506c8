package io.postkit.core;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.testing.RecordingLog;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <clone>} options on a real server: schema only, tables left out, samples; every foreign key of a partial
 * clone holds (PostgreSQL validates each again), and every row in it is a row of the source.
 */
class CloneOptionsIT {

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    /**
     * Foreign keys of every shape: a chain (order_lines → orders → customers → regions), a self-reference
     * (employees), a composite key (shipments → order_lines), a partitioned parent (event_refs → events), and a
     * log table that references customers.
     */
    private static final String REMOTE = """
            CREATE TABLE regions (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE customers (id bigint PRIMARY KEY, region_id int REFERENCES regions (id), name text);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
                                 total numeric(12, 2) CHECK (total >= 0));
            CREATE TABLE order_lines (order_id bigint REFERENCES orders (id), line int, product text,
                                      PRIMARY KEY (order_id, line));
            CREATE TABLE shipments (id bigserial PRIMARY KEY, order_id bigint, line int,
                                    FOREIGN KEY (order_id, line) REFERENCES order_lines (order_id, line));
            CREATE TABLE employees (id int PRIMARY KEY, manager_id int REFERENCES employees (id), name text);
            CREATE TABLE audit_log (id bigserial PRIMARY KEY, customer_id bigint REFERENCES customers (id), note text);
            CREATE TABLE events (id bigint, at date, kind text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE event_refs (id int PRIMARY KEY, event_id bigint, event_at date,
                                     FOREIGN KEY (event_id, event_at) REFERENCES events (id, at));
            INSERT INTO regions SELECT g, 'region ' || g FROM generate_series(1, 50) g;
            INSERT INTO customers SELECT g, CASE WHEN g % 10 <> 0 THEN 1 + g % 50 END, 'customer ' || g
            FROM generate_series(1, 2000) g;
            INSERT INTO orders SELECT g, 1 + (g * 7) % 2000, g % 500 FROM generate_series(1, 10000) g;
            INSERT INTO order_lines SELECT 1 + g / 3, g % 3, 'product ' || (g % 97) FROM generate_series(0, 29999) g;
            INSERT INTO shipments (order_id, line) SELECT 1 + (g * 13) % 10000, g % 3 FROM generate_series(1, 5000) g;
            INSERT INTO employees SELECT g, CASE WHEN g > 1 THEN 1 + (g - 2) / 4 END, 'employee ' || g
            FROM generate_series(1, 500) g;
            INSERT INTO audit_log (customer_id, note) SELECT 1 + g % 2000, 'note ' || g FROM generate_series(1, 5000) g;
            INSERT INTO events SELECT g, date '2024-06-01' + (g % 400), 'kind ' || (g % 5) FROM generate_series(1, 4000) g;
            INSERT INTO event_refs SELECT g, 1 + (g * 3) % 4000, date '2024-06-01' + ((1 + (g * 3) % 4000) % 400)
            FROM generate_series(1, 2000) g;
            """;

    private static final List<String> TABLES = List.of("regions", "customers", "orders", "order_lines", "shipments",
            "employees", "audit_log", "events", "event_refs");

    @ParameterizedTest
    @MethodSource("majors")
    void aPercentageSampleKeepsEveryForeignKeyAndOnlySourceRows(int major) throws Exception {
        Clone clone = start(major, CloneOptions.of(false, List.of(), "10%"));
        try (clone) {
            Map<String, Long> rows = clone.rowCounts();
            long lines = rows.get("order_lines");
            assertTrue(lines >= 2400 && lines <= 30000 * 0.1 + 5000 * 0.2,
                    "about 10% of order_lines, plus lines the sampled shipments reference: " + lines);
            long audit = rows.get("audit_log");
            assertTrue(audit >= 380 && audit <= 620, "audit_log is referenced by nothing: its 10% only: " + audit);
            assertTrue(rows.get("regions") > 5, "regions referenced by sampled customers are copied: " + rows);
            clone.assertForeignKeysValidate();
            clone.assertRowsComeFromSource();
            assertNotNull(clone.log.find("rows that copied rows reference"), clone.log.lines().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("majors")
    void aRowLimitTakesThatManyRowsPerTableAndTheParentsTheyNeed(int major) throws Exception {
        Clone clone = start(major, CloneOptions.of(false, List.of(), "100"));
        try (clone) {
            Map<String, Long> rows = clone.rowCounts();
            assertEquals(100, rows.get("audit_log"), "nothing references audit_log: exactly the limit");
            assertEquals(100, rows.get("event_refs"));
            assertEquals(100, rows.get("shipments"));
            assertTrue(rows.get("orders") > 100, "orders gets the parents of the sampled lines and shipments: " + rows);
            assertTrue(rows.get("events") >= 100, "events keeps the partitions' rows and those referenced: " + rows);
            clone.assertForeignKeysValidate();
            clone.assertRowsComeFromSource();
        }
    }

    @ParameterizedTest
    @MethodSource("majors")
    void excludedTablesGetOnlyTheRowsOthersReference(int major) throws Exception {
        Clone clone = start(major, CloneOptions.of(false, List.of("*_log", "public.ship*", "regions"), null));
        try (clone) {
            Map<String, Long> rows = clone.rowCounts();
            Map<String, Long> source = clone.sourceRowCounts();
            assertEquals(0, rows.get("audit_log"), "*_log");
            assertEquals(0, rows.get("shipments"), "public.ship*");
            assertEquals(Long.parseLong(clone.source.queryValue("SELECT count(DISTINCT region_id) FROM customers")),
                    rows.get("regions"), "every region some customer references, no other");
            for (String table : List.of("customers", "orders", "order_lines", "employees", "events", "event_refs")) {
                assertEquals(source.get(table), rows.get(table), table + " is copied whole");
            }
            clone.assertForeignKeysValidate();
            clone.assertRowsComeFromSource();
        }
    }

    @ParameterizedTest
    @MethodSource("majors")
    void schemaOnlyCopiesNoRowsButEveryKeyIndexAndSequencePosition(int major) throws Exception {
        Clone clone = start(major, CloneOptions.of(true, List.of(), null));
        try (clone) {
            clone.rowCounts().forEach((table, count) -> assertEquals(0L, count, table));
            assertEquals(clone.source.queryValue(CONSTRAINTS), clone.value(CONSTRAINTS), "keys, checks, foreign keys");
            assertEquals(clone.source.queryValue(INDEXES), clone.value(INDEXES));
            assertEquals("true", clone.value("SELECT bool_and(convalidated)::text FROM pg_constraint"
                    + " WHERE connamespace = 'public'::regnamespace"), "every constraint is valid");
            assertEquals(clone.source.queryValue("SELECT last_value FROM audit_log_id_seq"),
                    clone.value("SELECT last_value FROM audit_log_id_seq"), "sequence positions are cloned");
            assertNotNull(clone.log.find("schema only"), clone.log.lines().toString());
        }
    }

    /** A full clone marks the foreign keys valid without reading the rows again; PostgreSQL agrees. */
    @ParameterizedTest
    @MethodSource("majors")
    void aFullCloneHasValidForeignKeysAndKeepsOnesNotValidOnTheSource(int major) throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(major);
        remote.execute(REMOTE + """
                CREATE TABLE notes (id int PRIMARY KEY, customer_id bigint);
                INSERT INTO notes VALUES (1, 1), (2, 999999);
                ALTER TABLE notes ADD CONSTRAINT notes_customer_fkey FOREIGN KEY (customer_id)
                    REFERENCES customers (id) NOT VALID;
                """);
        Clone clone = start(remote, CloneOptions.FULL);
        try (clone) {
            assertEquals(clone.sourceRowCounts(), clone.rowCounts());
            assertEquals("false", clone.value("SELECT convalidated::text FROM pg_constraint"
                    + " WHERE conname = 'notes_customer_fkey'"), "not valid on the source, not valid here");
            assertEquals("2", clone.value("SELECT count(*) FROM notes"), "its orphan row is copied too");
            assertEquals("true", clone.value("SELECT bool_and(convalidated)::text FROM pg_constraint"
                    + " WHERE connamespace = 'public'::regnamespace AND conname <> 'notes_customer_fkey'"));
            clone.execute("DELETE FROM notes WHERE id = 2");
            clone.assertForeignKeysValidate();
            clone.execute("INSERT INTO orders VALUES (99999, 1, 1)");
            assertEquals("23503", clone.sqlStateOf("INSERT INTO orders VALUES (99998, 424242, 1)"),
                    "the foreign key marked valid is enforced");
            assertEquals("23514", clone.sqlStateOf("INSERT INTO orders VALUES (99997, 1, -1)"),
                    "the check marked valid is enforced");
        }
    }

    private static final String CONSTRAINTS = "SELECT string_agg(conname || ' ' || contype::text, ', ' ORDER BY conname)"
            + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
            + " AND conrelid <> coalesce(to_regclass('schema_migrations'), 0)";
    private static final String INDEXES = "SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes"
            + " WHERE schemaname = 'public' AND tablename <> 'schema_migrations'";

    private static Clone start(int major, CloneOptions options) throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(major);
        remote.execute(REMOTE);
        return start(remote, options);
    }

    private static Clone start(TestDatabase remote, CloneOptions options) throws Exception {
        TestProject project = TestProject.create("clone-options-" + remote.major(), remote);
        RecordingLog log = new RecordingLog();
        StartCommand.Result result = new StartCommand(project.workspace(options, log), Clock.systemUTC()).run(null);
        var server = new Project(project.workspace()).localServers().server(remote.major()).start();
        return new Clone(remote, server, server.connect(result.localDatabase()), log);
    }

    /** The local clone, open for queries, with the log of the start that made it. */
    private record Clone(TestDatabase source, io.postkit.core.internal.embedded.RunningServer server,
                         Connection connection, RecordingLog log) implements AutoCloseable {

        Map<String, Long> rowCounts() throws SQLException {
            return counts(connection);
        }

        Map<String, Long> sourceRowCounts() throws SQLException {
            try (Connection c = source.connect()) {
                return counts(c);
            }
        }

        private static Map<String, Long> counts(Connection c) throws SQLException {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tablesOf(c)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return counts;
        }

        private static List<String> tablesOf(Connection c) throws SQLException {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT relname FROM pg_class"
                    + " WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition"
                    + " AND relname <> 'schema_migrations' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        }

        /**
         * Every foreign key, added again under another name in a transaction that is rolled back: PostgreSQL checks
         * every row, whatever the existing constraint's state.
         */
        void assertForeignKeysValidate() throws SQLException {
            List<String[]> foreignKeys = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT conrelid::regclass::text,"
                    + " conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conparentid = 0"
                    + " AND connamespace = 'public'::regnamespace ORDER BY 1, 2")) {
                while (rs.next()) {
                    foreignKeys.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            assertTrue(foreignKeys.size() >= 6, "the foreign keys are there: " + foreignKeys.size());
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String[] fk : foreignKeys) {
                    s.execute("ALTER TABLE " + fk[0] + " ADD CONSTRAINT check_again FOREIGN KEY"
                            + fk[2].substring("FOREIGN KEY".length()).replace(" NOT VALID", ""));
                    s.execute("ALTER TABLE " + fk[0] + " VALIDATE CONSTRAINT " + fk[1]);
                    connection.rollback();
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }

        /** Every row of every table of the clone is a row of the source. */
        void assertRowsComeFromSource() throws SQLException {
            try (Connection c = source.connect()) {
                for (String table : TABLES) {
                    Set<String> sourceRows = new HashSet<>(rows(c, table));
                    List<String> cloneRows = rows(connection, table);
                    for (String row : cloneRows) {
                        assertTrue(sourceRows.contains(row), table + " row " + row + " is not in the source");
                    }
                    assertEquals(cloneRows.size(), new HashSet<>(cloneRows).size(), table + " has no duplicates");
                }
            }
        }

        private static List<String> rows(Connection c, String table) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }

        String value(String sql) throws SQLException {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }

        void execute(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }

        String sqlStateOf(String sql) {
            try {
                execute(sql);
                return "no error";
            } catch (SQLException e) {
                return e.getSQLState();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
            server.close();
        }
    }
}
