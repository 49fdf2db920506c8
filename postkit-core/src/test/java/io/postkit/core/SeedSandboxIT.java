package io.postkit.core;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.scripts.ScriptTarget;
import io.postkit.core.internal.scripts.SeedRunner;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeds on a local database run in the last migration's transaction on the superuser's connection, yet with no
 * superuser power: every way back to it fails with PostgreSQL's own message at the seed's file and line, the
 * transaction rolls back whole (no role left, nothing written by a program), and the session is as it was. Ordinary
 * seeds still work, on every major postkit supports locally.
 */
class SeedSandboxIT {

    private static final String FILE = "db/schema/seeds/escape.sql";
    /** Where a program run by the server (as its OS user) would leave a trace: /tmp is writable by every user. */
    private static final Path PWNED = Path.of("/tmp/postkit-seed-pwned-" + ProcessHandle.current().pid());
    private static final String SCHEMA = "CREATE TABLE plans (code text PRIMARY KEY, price int NOT NULL,"
            + " seen int NOT NULL DEFAULT 0);"
            + " CREATE SEQUENCE invoice_numbers;"
            + " CREATE TABLE audit (code text, by_role text);"
            + " CREATE FUNCTION audit_plan() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
            + "   INSERT INTO audit VALUES (NEW.code, current_user); RETURN NEW; END$$;"
            + " CREATE TRIGGER audited AFTER INSERT ON plans FOR EACH ROW EXECUTE FUNCTION audit_plan();"
            + " ALTER TABLE plans ENABLE ROW LEVEL SECURITY; ALTER TABLE plans FORCE ROW LEVEL SECURITY;"
            + " CREATE POLICY nobody ON plans USING (false);"
            + " INSERT INTO plans (code, price) VALUES ('free', 0);";
    private static final Map<Integer, TestDatabase> DATABASES = new TreeMap<>();

    static Stream<Integer> majors() {
        return Stream.of(13, 15, 18);
    }

    static Stream<Arguments> escapes() {
        String touch = "touch " + PWNED;
        List<Arguments> escapes = new ArrayList<>();
        for (int major : majors().toList()) {
            escapes.addAll(List.of(
                    Arguments.of(major, "COPY FROM PROGRAM", "-- data\nCOPY plans (code, price) FROM PROGRAM '"
                            + touch + "';", 2, "42501", "external program"),
                    Arguments.of(major, "RESET ROLE, then COPY TO PROGRAM", "RESET ROLE;\nCOPY (SELECT 1) TO PROGRAM '"
                            + touch + "';", 1, "42501", "cannot set parameter \"role\" within security-definer"
                            + " function"),
                    Arguments.of(major, "SET ROLE", "SET ROLE postgres;", 1, "42501",
                            "cannot set parameter \"role\" within security-definer function"),
                    Arguments.of(major, "SET SESSION AUTHORIZATION", "SET SESSION AUTHORIZATION postgres;", 1,
                            "42501", "cannot set parameter \"session_authorization\" within security-definer"
                                    + " function"),
                    Arguments.of(major, "set_config('role')", "select set_config('role', 'postgres', false);", 1,
                            "42501", "cannot set parameter \"role\" within security-definer function"),
                    Arguments.of(major, "ALTER SYSTEM", "ALTER SYSTEM SET work_mem = '77MB';", 1, "25001",
                            "ALTER SYSTEM cannot run inside a transaction block"),
                    Arguments.of(major, "pg_read_file", "SELECT pg_read_file('/etc/hostname');", 1, "42501",
                            "permission denied for function pg_read_file"),
                    Arguments.of(major, "lo_import", "SELECT lo_import('/etc/hostname');", 1, "42501",
                            "permission denied for function lo_import"),
                    Arguments.of(major, "a C function", "CREATE FUNCTION pg_temp.pwn() RETURNS int LANGUAGE c"
                            + " AS '/tmp/pwn.so', 'pwn';", 1, "42501", "permission denied for language c"),
                    Arguments.of(major, "DROP TABLE of a managed table", "DROP TABLE plans;", 1, "42501",
                            "must be owner of table plans"),
                    Arguments.of(major, "making its own function SECURITY INVOKER, then COPY PROGRAM",
                            "DO $$DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid FROM pg_proc p WHERE"
                                    + " p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) LOOP"
                                    + " EXECUTE format('ALTER FUNCTION %s SECURITY INVOKER', f); END LOOP; END$$;\n"
                                    + "COPY (SELECT 1) TO PROGRAM '" + touch + "';", 2, "42501",
                            "external program")));
        }
        return escapes.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("escapes")
    void anEscapeFailsAtItsLineAndTheTransactionRollsBackWhole(int major, String escape, String sql, int line,
                                                               String sqlState, String problem) throws Exception {
        TestDatabase db = database(major);
        try (Connection c = db.connect()) {
            String session = sessionState(c);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO plans (code, price) VALUES ('migrated', 1)");
            }
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> runner(FILE, sql).run(c, ScriptTarget.CLONE));
            c.rollback();
            c.setAutoCommit(true);

            assertEquals(FILE + ":" + line, e.location(), e.getMessage());
            assertEquals(sqlState, e.sqlState(), e.getMessage());
            assertTrue(e.problem().startsWith("ERROR: ") && e.problem().contains(problem), e.getMessage());
            assertFalse(e.problem().contains("PL/pgSQL"), "PostgreSQL's message is the headline: " + e.problem());
            assertFalse(Files.exists(PWNED), "no program ran on the build machine");
            assertEquals(session, sessionState(c), "the session is as it was");
        }
        assertEquals("free", db.queryValue("SELECT string_agg(code, ',') FROM plans"),
                "the migration before the seeds rolled back with them");
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit\\_seed\\_%'"),
                "no sandbox role is left");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void ordinarySeedsRunAndLeaveNoTraceOfTheSandbox(int major) throws Exception {
        TestDatabase db = database(major);
        SeedRunner seeds = new SeedRunner(List.of(
                new SchemaFile("db/schema/seeds/10_plans.sql", FileRole.SEEDS,
                        "INSERT INTO plans (code, price) VALUES ('free', 0), ('pro', 10)\n"
                                + "  ON CONFLICT (code) DO UPDATE SET price = excluded.price;\n"
                                + "UPDATE plans SET price = 12 WHERE code = 'pro';\n"
                                + "SELECT setval('invoice_numbers', 1000);\n"
                                + "DO $$BEGIN INSERT INTO public.plans (code, price) VALUES ('team', 30)"
                                + " ON CONFLICT DO NOTHING; END$$;\n"
                                + "SET search_path = public, pg_catalog;\n"
                                + "PREPARE seeded AS SELECT 1;"),
                new SchemaFile("db/schema/seeds/20_counter.sql", FileRole.SEEDS,
                        "UPDATE plans SET seen = seen + 1 WHERE code = 'pro';")),
                List.of("public", "not_created_yet"), PostkitLog.SILENT);
        String session;
        List<String> warnings;
        try (Connection c = db.connect()) {
            session = sessionState(c);
            c.setAutoCommit(false);
            warnings = seeds.run(c, ScriptTarget.CLONE);
            assertEquals(session, sessionState(c), "the seeds' settings and prepared statements are gone before"
                    + " postkit runs anything else");
            c.commit();
        }
        try {
            assertEquals(List.of("db/schema/seeds/20_counter.sql: running it a second time changes rows of"
                    + " [public.plans]. Seeds run after the migrations of every apply and deploy, so they must be"
                    + " idempotent: INSERT ... ON CONFLICT DO NOTHING (or DO UPDATE), UPDATE ... WHERE, and the"
                    + " like."), warnings);
            assertEquals("free:0:0,pro:12:1,team:30:0", db.queryValue("SELECT string_agg(code || ':' || price"
                    + " || ':' || seen, ',' ORDER BY code) FROM plans"), "row level security did not hide rows");
            assertEquals("free:postgres,pro:postkit_seed_,team:postkit_seed_", db.queryValue("SELECT string_agg(code"
                    + " || ':' || regexp_replace(by_role, '[0-9a-f]{16}$', ''), ',' ORDER BY code) FROM audit"),
                    "the trigger ran, as the sandbox role");
            assertEquals("1000", db.queryValue("SELECT last_value FROM invoice_numbers"));
            assertEquals("0", db.queryValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit\\_seed\\_%'"));
            assertEquals(null, db.queryValue("SELECT string_agg(relname || ' ' || relacl::text, ', ') FROM pg_class"
                    + " WHERE relacl::text LIKE '%postkit_seed%'"), "no grant to the sandbox role is left");
            assertEquals(null, db.queryValue("SELECT string_agg(nspname || ' ' || nspacl::text, ', ') FROM"
                    + " pg_namespace WHERE nspacl::text LIKE '%postkit_seed%'"));
        } finally {
            db.execute("DELETE FROM audit WHERE code <> 'free'; DELETE FROM plans WHERE code <> 'free'");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void aSyntaxErrorPointsAtItsLineAndColumn(int major) throws Exception {
        SqlStatementException e = failure(major, "-- prices\nINSERT INTO plans (code, price)\n  VALUES ('x' 1);");
        assertEquals(FILE + ":3", e.location(), e.getMessage());
        assertEquals(15, e.column(), e.getMessage());
        assertEquals("42601", e.sqlState());
        assertEquals("ERROR: syntax error at or near \"1\"", e.problem());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void aRefusedWriteSaysWhatTheSandboxMayDo(int major) throws Exception {
        SqlStatementException e = failure(major, "CREATE SCHEMA extra;");
        assertEquals("42501", e.sqlState());
        assertTrue(e.getMessage().contains("On a local database (the clone, the deploy's dry run) seeds run as a"
                + " sandbox role without superuser power: it may read and write the rows of the tables of the"
                + " managed schemas (public) and use their sequences"), e.getMessage());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void aTransactionCommandSaysThatSeedsRunInPostkitsTransaction(int major) throws Exception {
        SqlStatementException e = failure(major, "INSERT INTO plans (code, price) VALUES ('x', 1)"
                + " ON CONFLICT DO NOTHING;\nCOMMIT;");
        assertEquals(FILE + ":2", e.location(), e.getMessage());
        assertEquals("0A000", e.sqlState());
        assertTrue(e.getMessage().contains("Seeds run inside postkit's transaction (with the last migration): leave"
                + " out BEGIN, COMMIT, SAVEPOINT and the like."), e.getMessage());
    }

    /**
     * Before PostgreSQL 15 a seed may create functions in {@code public}. One that would be a better match for a
     * call of postkit's idempotence check, reached through a search path the seed set, is never called: the
     * check's queries are qualified and exactly typed and the seed's settings are reset before they run.
     */
    @org.junit.jupiter.api.Test
    void aFunctionASeedPlantsInPublicNeverRunsAsTheSuperuser() throws Exception {
        TestDatabase db = database(13);
        String plant = "CREATE OR REPLACE FUNCTION public.%s RETURNS %s LANGUAGE plpgsql AS $$BEGIN"
                + " COPY (SELECT 1) TO PROGRAM 'touch " + PWNED + "'; RETURN %s; END$$;\n";
        SeedRunner seeds = runner(FILE, String.format(plant, "hashtextextended(text, integer)", "bigint", "0")
                + String.format(plant, "count()", "bigint", "0")
                + "SET search_path = public, pg_catalog;\n"
                + "UPDATE plans SET seen = seen + 1 WHERE code = 'free';");
        List<String> warnings;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            warnings = seeds.run(c, ScriptTarget.CLONE);
            c.rollback();
        }
        assertEquals(1, warnings.size(), "the check ran and saw the UPDATE: " + warnings);
        assertFalse(Files.exists(PWNED), "no function of the seed ran as the superuser");
    }

    /** How running {@code sql} as a seed on the clone fails; its transaction is rolled back. */
    private static SqlStatementException failure(int major, String sql) throws SQLException {
        try (Connection c = database(major).connect()) {
            c.setAutoCommit(false);
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> runner(FILE, sql).run(c, ScriptTarget.CLONE));
            c.rollback();
            return e;
        }
    }

    private static SeedRunner runner(String path, String sql) {
        return new SeedRunner(List.of(new SchemaFile(path, FileRole.SEEDS, sql)), List.of("public"),
                PostkitLog.SILENT);
    }

    /** Who the session is, its search path and prepared statements: what a seed must not leave changed. */
    private static String sessionState(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user || ' '"
                + " || session_user || ' ' || current_setting('search_path') || ' ' || current_setting('work_mem')"
                + " || ' ' || (SELECT count(*) FROM pg_prepared_statements WHERE name = 'seeded')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static synchronized TestDatabase database(int major) throws SQLException {
        TestDatabase db = DATABASES.get(major);
        if (db == null) {
            db = TestPostgres.freshDatabase(major);
            db.execute(SCHEMA);
            DATABASES.put(major, db);
        }
        return db;
    }
}
