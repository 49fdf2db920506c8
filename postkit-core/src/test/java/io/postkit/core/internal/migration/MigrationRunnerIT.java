package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration runner on a real server: a migration's up section runs (transactional or {@code transaction:false})
 * and is recorded in {@code schema_migrations} with its checksum; a failing statement is reported at its file line
 * and a transactional migration leaves nothing behind; {@code lock_timeout} bounds the wait for a lock.
 */
class MigrationRunnerIT {

    private static final MigrationTable TABLE = new MigrationTable(MigrationTable.DEFAULT_NAME);

    private final List<String> logged = new ArrayList<>();
    private final MigrationRunner runner = new MigrationRunner(TABLE, new PostkitLog() {
        @Override
        public void info(String message) {
            logged.add(message);
        }

        @Override
        public void warn(String message) {
            logged.add(message);
        }

        @Override
        public void debug(String message) {
        }
    });

    private TestDatabase db;

    @BeforeEach
    void freshDatabaseWithMigrationTable() throws SQLException {
        db = TestPostgres.freshDatabase(TestPostgres.majors().get(0));
        try (Connection c = db.connect()) {
            TABLE.ensureExists(c);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        db.drop();
    }

    @Test
    void aTransactionalMigrationRunsItsUpSectionAndIsRecordedWithItsChecksum() throws Exception {
        String content = "-- migrate:up\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1), (2);\n"
                + "-- migrate:down\nDROP TABLE a;\n";
        MigrationFile migration = MigrationFile.parse("20260101000000_create_a.sql", content);
        try (Connection c = db.connect()) {
            runner.run(c, migration, null);
            assertTrue(c.getAutoCommit(), "the connection's autocommit is given back");
        }
        assertEquals("2", db.queryValue("SELECT count(*) FROM a"), "the up section ran, the down section did not");
        assertEquals("20260101000000|" + sha256(content) + "|postgres|true|true",
                db.queryValue("SELECT version || '|' || checksum || '|' || applied_by || '|'"
                        + " || (applied_at > now() - interval '1 minute') || '|' || (duration_ms >= 0)"
                        + " FROM schema_migrations"));
        try (Connection c = db.connect()) {
            assertEquals(java.util.Map.of("20260101000000", sha256(content)), TABLE.applied(c));
        }
        assertEquals(2, logged.size(), "one line per statement: " + logged);
        assertTrue(logged.get(0).matches(" +\\d+ ms  CREATE TABLE a \\(id int\\)"), logged.get(0));
        assertTrue(logged.get(1).matches(" +\\d+ ms  INSERT INTO a VALUES \\(1\\), \\(2\\)"), logged.get(1));
    }

    @Test
    void aNonTransactionalMigrationRunsWhatCannotRunInATransaction() throws Exception {
        db.execute("CREATE TABLE a (id int)");
        String content = "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY a_id_idx ON a (id);\n"
                + "-- migrate:down\nDROP INDEX a_id_idx;\n";
        try (Connection c = db.connect()) {
            runner.run(c, MigrationFile.parse("20260101000001_index.sql", content), Duration.ofSeconds(5));
            assertTrue(c.getAutoCommit());
        }
        assertEquals("t", db.queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 'a_id_idx'::regclass"));
        assertEquals("20260101000001|" + sha256(content),
                db.queryValue("SELECT version || '|' || checksum FROM schema_migrations"));
    }

    @Test
    void aFailingStatementIsReportedAtItsFileLineAndTheMigrationLeavesNothing() throws Exception {
        MigrationFile migration = MigrationFile.parse("20260101000000_x.sql", "-- why\n-- migrate:up\n"
                + "CREATE TABLE a ();\n\nCREATE TABLE b (\n  x nope\n);\n-- migrate:down\nDROP TABLE b;\n");
        try (Connection c = db.connect()) {
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> runner.run(c, migration, null));
            assertEquals("20260101000000_x.sql:6", e.location());
            assertEquals(5, e.column(), "where PostgreSQL points: the type after '  x '");
            assertEquals("42704", e.sqlState());
            assertEquals("ERROR: type \"nope\" does not exist", e.problem());
            assertEquals("CREATE TABLE b (\n  x nope\n)", e.statement());
            assertEquals("20260101000000_x.sql:6:5: ERROR: type \"nope\" does not exist (SQLSTATE 42704)\n"
                    + "  Statement: CREATE TABLE b (", e.getMessage());
            assertTrue(c.getAutoCommit(), "the connection's autocommit is given back after a failure");
        }
        assertEquals("null", db.queryValue("SELECT coalesce(to_regclass('a')::text, 'null')"),
                "the statement before the failing one is rolled back");
        assertEquals(0, db.queryInt("SELECT count(*) FROM schema_migrations"), "no row for a failed migration");
    }

    @Test
    void aFailingNonTransactionalMigrationKeepsWhatRanAndIsNotRecorded() throws Exception {
        MigrationFile migration = MigrationFile.parse("20260101000000_x.sql", "-- migrate:up transaction:false\n"
                + "CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY b_idx ON b (id);\n");
        try (Connection c = db.connect()) {
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> runner.run(c, migration, null));
            assertEquals("20260101000000_x.sql:3", e.location());
            assertEquals("42P01", e.sqlState());
            assertEquals("ERROR: relation \"b\" does not exist", e.problem());
            assertEquals("CREATE INDEX CONCURRENTLY b_idx ON b (id)", e.statement());
        }
        assertEquals("a", db.queryValue("SELECT to_regclass('a')::text"), "outside a transaction, nothing rolls back");
        assertEquals(0, db.queryInt("SELECT count(*) FROM schema_migrations"));
    }

    @Test
    void aTransactionalMigrationRunsWithTheLockTimeoutGivenAndOnlyForItself() throws Exception {
        MigrationFile migration = MigrationFile.parse("20260101000000_seen.sql", "-- migrate:up\n"
                + "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lock_timeout;\n");
        try (Connection c = db.connect()) {
            runner.run(c, migration, Duration.ofMillis(1500));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
                rs.next();
                assertEquals("0", rs.getString(1), "SET LOCAL: the session's setting is back after the migration");
            }
        }
        assertEquals("1500ms", db.queryValue("SELECT lock_timeout FROM seen"));
    }

    @Test
    void aStatementWaitingForALockFailsAfterTheLockTimeoutAndIsRolledBack() throws Exception {
        db.execute("CREATE TABLE busy (id int)");
        MigrationFile migration = MigrationFile.parse("20260101000000_alter.sql", "-- migrate:up\n"
                + "CREATE TABLE other (id int);\nALTER TABLE busy ADD COLUMN n int;\n");
        try (Connection holder = db.connect(); Statement hold = holder.createStatement();
             Connection c = db.connect()) {
            holder.setAutoCommit(false);
            hold.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            long started = System.nanoTime();
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> runner.run(c, migration, Duration.ofMillis(300)));
            long waited = (System.nanoTime() - started) / 1_000_000;
            assertEquals("55P03", e.sqlState(), e.getMessage());
            assertEquals("20260101000000_alter.sql:3", e.location());
            assertEquals("ERROR: canceling statement due to lock timeout", e.problem());
            assertEquals("ALTER TABLE busy ADD COLUMN n int", e.statement());
            assertTrue(waited >= 300 && waited < 5_000, "waited " + waited + " ms for a 300 ms lock timeout");
            holder.rollback();
        }
        assertEquals("null", db.queryValue("SELECT coalesce(to_regclass('other')::text, 'null')"));
        assertEquals(0, db.queryInt("SELECT count(*) FROM schema_migrations"));
        assertEquals("id", db.queryValue("SELECT string_agg(attname, ',') FROM pg_attribute"
                + " WHERE attrelid = 'busy'::regclass AND attnum > 0 AND NOT attisdropped"), "the column was not added");
    }

    @Test
    void aVersionAppliedTwiceIsRefusedByTheMigrationTable() throws Exception {
        MigrationFile migration = MigrationFile.parse("20260101000000_a.sql", "-- migrate:up\nCREATE TABLE a ();\n");
        try (Connection c = db.connect()) {
            runner.run(c, migration, null);
            MigrationFile again = MigrationFile.parse("20260101000000_b.sql", "-- migrate:up\nCREATE TABLE b ();\n");
            SQLException e = assertThrows(SQLException.class, () -> runner.run(c, again, null));
            assertEquals("23505", e.getSQLState(), e.getMessage());
        }
        assertEquals("null", db.queryValue("SELECT coalesce(to_regclass('b')::text, 'null')"),
                "the migration whose row could not be written is rolled back with it");
        assertEquals(1, db.queryInt("SELECT count(*) FROM schema_migrations"));
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}
