package io.postkit.core;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.scripts.InfraScript;
import io.postkit.core.internal.scripts.ScriptTarget;
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
 * {@code infra/} on a local database runs as a role that owns the database but is not a superuser: every way to the
 * superuser's power fails with PostgreSQL's own message at the file and line, the infra transaction rolls back whole
 * (no schema made, no role left, the database's owner as it was, nothing written by a program). Ordinary infra
 * (extensions, trusted or not, roles in the usual idioms, schemas, grants, comments, default privileges) still does
 * what it did as the superuser, on every major with its own rules for it (13; 15, where {@code public} became the
 * database owner's; 18).
 */
class InfraSandboxIT {

    private static final String FILE = "db/schema/infra/escape.sql";
    private static final String OWNER = "postkit_infra";
    private static final Path PWNED = Path.of("/tmp/postkit-infra-pwned-" + ProcessHandle.current().pid());
    private static final Map<Integer, TestDatabase> DATABASES = new TreeMap<>();

    static Stream<Integer> majors() {
        return Stream.of(13, 15, 18);
    }

    static Stream<Arguments> escapes() {
        String touch = "touch " + PWNED;
        List<Arguments> escapes = new ArrayList<>();
        for (int major : majors().toList()) {
            escapes.addAll(List.of(
                    Arguments.of(major, "COPY TO PROGRAM", "COPY (SELECT 1) TO PROGRAM '" + touch + "';", "42501",
                            "external program"),
                    Arguments.of(major, "COPY PROGRAM in a DO block", "DO $$BEGIN COPY (SELECT 1) TO PROGRAM '"
                            + touch + "'; END$$;", "42501", "external program"),
                    Arguments.of(major, "RESET ROLE, then COPY", "RESET ROLE;\nCOPY (SELECT 1) TO PROGRAM '" + touch
                            + "';", "42501", "cannot set parameter \"role\" within security-definer function"),
                    Arguments.of(major, "SET SESSION AUTHORIZATION", "SET SESSION AUTHORIZATION postgres;", "42501",
                            "cannot set parameter \"session_authorization\" within security-definer function"),
                    Arguments.of(major, "ALTER SYSTEM", "ALTER SYSTEM SET work_mem = '77MB';", "25001",
                            "ALTER SYSTEM cannot run inside a transaction block"),
                    Arguments.of(major, "pg_read_file", "SELECT pg_read_file('/etc/hostname');", "42501",
                            "permission denied for function pg_read_file"),
                    Arguments.of(major, "a C function", "CREATE FUNCTION pwn() RETURNS int LANGUAGE c"
                            + " AS '/tmp/pwn.so', 'pwn';", "42501", "permission denied for language c"),
                    Arguments.of(major, "granting a server function to everyone",
                            "GRANT EXECUTE ON FUNCTION pg_read_file(text) TO PUBLIC;", "42501",
                            "permission denied for function pg_read_file"),
                    Arguments.of(major, "granting CREATE on pg_catalog", "GRANT CREATE ON SCHEMA pg_catalog TO"
                            + " PUBLIC;", "42501", "no privileges were granted for \"pg_catalog\""),
                    Arguments.of(major, "a superuser-only setting for the database", "DO $$BEGIN EXECUTE"
                            + " format('ALTER DATABASE %I SET session_preload_libraries = ''pwn''',"
                            + " current_database()); END$$;", "42501",
                            "permission denied to set parameter \"session_preload_libraries\"")));
        }
        return escapes.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {1}")
    @MethodSource("escapes")
    void anEscapeFailsAtItsLineAndInfraRollsBackWhole(int major, String escape, String sql, String sqlState,
                                                      String problem) throws Exception {
        TestDatabase db = database(major);
        String before = footprint(db);
        try (Connection c = db.connect()) {
            String session = sessionState(c);
            SqlStatementException e = assertThrows(SqlStatementException.class, () -> infra(
                    "CREATE SCHEMA made_before_the_escape;\nCREATE ROLE infra_it_escape_" + major + ";\n" + sql)
                    .run(c, ScriptTarget.CLONE));
            assertEquals(FILE + ":3", e.location(), e.getMessage());
            assertEquals(sqlState, e.sqlState(), e.getMessage());
            assertTrue(e.problem().contains(problem), e.getMessage());
            assertFalse(e.problem().contains("PL/pgSQL"), "PostgreSQL's message is the headline: " + e.problem());
            assertTrue(e.getMessage().contains("On local databases (the clone, the shadow, a dry run) it runs as a"
                    + " role that owns the database but is not a superuser"), e.getMessage());
            assertFalse(Files.exists(PWNED), "no program ran on the build machine");
            assertEquals(session, sessionState(c), "the session is as it was");
            assertTrue(c.getAutoCommit());
        }
        assertEquals(before, footprint(db), "nothing infra did is left");
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_roles WHERE rolname = 'infra_it_escape_" + major
                + "'"), "the stub made for infra's CREATE ROLE rolled back with it");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void ordinaryInfraDoesWhatItDidAsTheSuperuserAndRunsAgain(int major) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(major);
        String r = "infra_it_" + major + "_";
        String sql = "CREATE EXTENSION IF NOT EXISTS citext;\n"
                + "CREATE EXTENSION IF NOT EXISTS postgres_fdw;\n"
                + "CREATE ROLE " + r + "app LOGIN PASSWORD 'secret';\n"
                + "DO $$BEGIN CREATE ROLE " + r + "reader; EXCEPTION WHEN duplicate_object THEN NULL; END$$;\n"
                + "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + r + "writer') THEN"
                + " CREATE ROLE " + r + "writer; END IF; END$$;\n"
                + "CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION " + r + "app;\n"
                + "CREATE SCHEMA IF NOT EXISTS ext;\n"
                + "GRANT USAGE ON SCHEMA app TO " + r + "reader;\n"
                + "GRANT USAGE ON SCHEMA public TO " + r + "reader;\n"
                + "GRANT " + r + "reader TO " + r + "app;\n"
                + "ALTER ROLE " + r + "app SET search_path = app, public;\n"
                + "COMMENT ON EXTENSION postgres_fdw IS 'remote tables';\n"
                + "COMMENT ON SCHEMA app IS 'the application';\n"
                + "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO " + r + "reader;\n"
                + "CREATE TYPE ext.mood AS ENUM ('ok', 'not ok');\n"
                + "CREATE OR REPLACE FUNCTION ext.twice(int) RETURNS int LANGUAGE sql AS 'SELECT $1 * 2';\n"
                + "ALTER EXTENSION postgres_fdw UPDATE;\n"
                + "ALTER SCHEMA ext OWNER TO " + r + "writer;\n"
                + "ALTER SCHEMA ext OWNER TO " + OWNER + ";\n";
        List<String> infos = new ArrayList<>();
        PostkitLog log = new PostkitLog() {
            @Override public void info(String message) { infos.add(message); }
            @Override public void warn(String message) { infos.add(message); }
            @Override public void debug(String message) { }
        };
        String owner = db.queryValue("SELECT pg_get_userbyid(datdba) FROM pg_database"
                + " WHERE datname = current_database()");
        for (int run = 1; run <= 2; run++) {
            infos.clear();
            try (Connection c = db.connect()) {
                String session = sessionState(c);
                new InfraScript(List.of(new SchemaFile("db/schema/infra/10_infra.sql", FileRole.INFRA, sql)), log)
                        .run(c, ScriptTarget.CLONE);
                assertEquals(session, sessionState(c), "run " + run);
                assertEquals("0", value(c, "SELECT count(*) FROM pg_proc WHERE pronamespace = pg_my_temp_schema()"),
                        "postkit's functions are gone");
            }
            assertEquals("citext:postkit_infra,plpgsql:postgres,postgres_fdw:postgres", db.queryValue(
                    "SELECT string_agg("
                    + "extname || ':' || pg_get_userbyid(extowner), ',' ORDER BY extname) FROM pg_extension"));
            assertEquals(r + "app:false:false," + r + "reader:false:false," + r + "writer:false:false",
                    db.queryValue("SELECT string_agg("
                    + "rolname || ':' || rolsuper || ':' || rolcanlogin, ',' ORDER BY rolname) FROM pg_roles"
                    + " WHERE rolname LIKE '" + r + "%'"), "roles are NOLOGIN stubs");
            assertEquals("0", db.queryValue("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r"
                    + " ON r.oid = m.member WHERE r.rolname LIKE '" + r + "%' OR r.rolname LIKE 'postkit%'"),
                    "role memberships are left to the remotes");
            assertEquals("app:" + r + "app:USAGE:the application,ext:postkit_infra::", db.queryValue(
                    "SELECT string_agg("
                    + "nspname || ':' || pg_get_userbyid(nspowner) || ':' || coalesce((SELECT string_agg("
                    + "a.privilege_type, '') FROM aclexplode(nspacl) a WHERE a.grantee = (SELECT oid FROM pg_roles"
                    + " WHERE rolname = '" + r + "reader')), '') || ':' || coalesce(obj_description(oid,"
                    + " 'pg_namespace'), ''), ',' ORDER BY nspname) FROM pg_namespace"
                    + " WHERE nspname IN ('app', 'ext')"));
            assertEquals("1", db.queryValue("SELECT count(*) FROM pg_namespace n, aclexplode(n.nspacl) a"
                    + " WHERE n.nspname = 'public' AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = '"
                    + r + "reader')"), "the grant on public, which the sandbox may not give, is given");
            assertEquals("remote tables", db.queryValue("SELECT obj_description(oid, 'pg_extension')"
                    + " FROM pg_extension WHERE extname = 'postgres_fdw'"));
            assertEquals("postgres", db.queryValue("SELECT string_agg(pg_get_userbyid(defaclrole), ',')"
                    + " FROM pg_default_acl"), "default privileges are for whoever runs the migrations: the"
                    + " superuser");
            assertEquals("postkit_infra:postkit_infra", db.queryValue("SELECT (SELECT pg_get_userbyid(typowner)"
                    + " FROM pg_type"
                    + " WHERE typname = 'mood') || ':' || (SELECT pg_get_userbyid(proowner) FROM pg_proc"
                    + " WHERE proname = 'twice')"),
                    "what the sandbox made is postkit_infra's: so a second run may replace it");
            assertEquals(owner, db.queryValue("SELECT pg_get_userbyid(datdba) FROM pg_database"
                    + " WHERE datname = current_database()"), "the database's owner is as it was");
            assertEquals("0", db.queryValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit\\_infra\\_%'"));
            assertEquals(List.of("infra/: 4 role statement(s) left to the remotes (db/schema/infra/10_infra.sql:3,"
                    + " db/schema/infra/10_infra.sql:4, db/schema/infra/10_infra.sql:10,"
                    + " db/schema/infra/10_infra.sql:11): on local databases roles are NOLOGIN stubs."), infos,
                    "run " + run);
        }
    }

    /**
     * On a clone, what infra replaces belongs to the remote's owners: a stub (the sandbox acts as it, and it stays the
     * owner) or, when the remote's owner has the local superuser's name ({@code postgres}), the local superuser: then
     * it becomes postkit_infra's, never changed as the superuser.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void infraReplacesWhatAClonesOwnersOwn(int major) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(major);
        String stub = "infra_it_owner_" + major;
        db.execute("CREATE ROLE " + stub + " NOLOGIN;"
                + " CREATE FUNCTION public.slugify(t text) RETURNS text LANGUAGE sql AS 'SELECT lower(t)';"
                + " CREATE VIEW public.answer AS SELECT 41 AS n;"
                + " CREATE SCHEMA legacy;"
                + " CREATE FUNCTION public.stubbed() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                + " ALTER FUNCTION public.stubbed() OWNER TO " + stub);
        try (Connection c = db.connect()) {
            infra("CREATE OR REPLACE FUNCTION public.slugify(t text) RETURNS text LANGUAGE sql"
                    + " AS 'SELECT upper(t)';\n"
                    + "CREATE OR REPLACE VIEW public.answer AS SELECT 42 AS n;\n"
                    + "CREATE TYPE legacy.kind AS ENUM ('a', 'b');\n"
                    + "CREATE OR REPLACE FUNCTION public.stubbed() RETURNS int LANGUAGE sql AS 'SELECT 2';")
                    .run(c, ScriptTarget.CLONE);
        }
        assertEquals("X:42:2", db.queryValue("SELECT public.slugify('x') || ':' || (SELECT n FROM public.answer)"
                + " || ':' || public.stubbed()"));
        assertEquals("slugify:postkit_infra,stubbed:" + stub, db.queryValue("SELECT string_agg(proname || ':'"
                + " || pg_get_userbyid(proowner), ',' ORDER BY proname) FROM pg_proc WHERE proname IN ('slugify',"
                + " 'stubbed')"));
        assertEquals("postkit_infra:postkit_infra:postkit_infra", db.queryValue("SELECT (SELECT pg_get_userbyid("
                + "relowner) FROM pg_class WHERE relname = 'answer') || ':' || (SELECT pg_get_userbyid(nspowner)"
                + " FROM pg_namespace WHERE nspname = 'legacy') || ':' || (SELECT pg_get_userbyid(typowner)"
                + " FROM pg_type WHERE typname = 'kind')"));
        assertEquals("0", db.queryValue("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
                + " WHERE r.rolname LIKE 'postkit%'"), "no membership is left");
    }

    /**
     * Infra may write a SECURITY DEFINER function; what it runs, it runs as postkit_infra, not as the superuser who
     * owned everything infra made before: a migration or a seed calling it gets no power from it.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void aSecurityDefinerFunctionInfraWroteRunsWithNoPower(int major) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(major);
        try (Connection c = db.connect()) {
            infra("CREATE FUNCTION public.pwn() RETURNS int LANGUAGE plpgsql SECURITY DEFINER AS $$BEGIN"
                    + " COPY (SELECT 1) TO PROGRAM 'touch " + PWNED + "'; RETURN 1; END$$;")
                    .run(c, ScriptTarget.CLONE);
        }
        SQLException e = assertThrows(SQLException.class, () -> db.queryValue("SELECT public.pwn()"));
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("external program"), e.getMessage());
        assertFalse(Files.exists(PWNED), "no program ran on the build machine");
    }

    /**
     * A statement postkit runs as the superuser for the sandbox (here a grant on {@code public}, which before
     * PostgreSQL 15 the superuser owns) never carries a second statement past a lexer: one with a ';' anywhere is
     * refused with the sandbox's own refusal.
     */
    @org.junit.jupiter.api.Test
    void aStatementRunForTheSandboxCarriesNoSecondOne() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(13);
        try (Connection c = db.connect()) {
            SqlStatementException e = assertThrows(SqlStatementException.class, () -> infra(
                    "GRANT USAGE ON SCHEMA public TO PUBLIC /* ; COPY (SELECT 1) TO PROGRAM 'touch " + PWNED
                            + "' */").run(c, ScriptTarget.CLONE));
            assertEquals(FILE + ":1", e.location(), e.getMessage());
            assertEquals("42501", e.sqlState(), e.getMessage());
            assertTrue(e.problem().contains("no privileges were granted for \"public\""), e.getMessage());
            infra("GRANT USAGE ON SCHEMA public TO PUBLIC /* without a semicolon */").run(c, ScriptTarget.CLONE);
        }
        assertFalse(Files.exists(PWNED));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void aRemoteRunsInfraAsItsOwnUser(int major) throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(major);
        try (Connection c = db.connect()) {
            infra("CREATE SCHEMA on_remote;\nCREATE ROLE infra_it_remote_" + major + " LOGIN;")
                    .run(c, ScriptTarget.REMOTE);
        }
        assertEquals("postgres:true", db.queryValue("SELECT (SELECT pg_get_userbyid(nspowner) FROM pg_namespace"
                + " WHERE nspname = 'on_remote') || ':' || (SELECT rolcanlogin FROM pg_roles WHERE rolname ="
                + " 'infra_it_remote_" + major + "')"));
        db.execute("DROP ROLE infra_it_remote_" + major);
    }

    private static InfraScript infra(String sql) {
        return new InfraScript(List.of(new SchemaFile(FILE, FileRole.INFRA, sql)), PostkitLog.SILENT);
    }

    /** Schemas, extensions, roles named like postkit's and the database's owner and settings. */
    private static String footprint(TestDatabase db) throws SQLException {
        return db.queryValue("SELECT (SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace) || ' | '"
                + " || (SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension) || ' | '"
                + " || (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit%') || ' | '"
                + " || (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())"
                + " || ' | ' || (SELECT count(*) FROM pg_db_role_setting)");
    }

    /** Who the session is, its search path and settings. */
    private static String sessionState(Connection c) throws SQLException {
        return value(c, "SELECT current_user || ' ' || session_user || ' ' || current_setting('search_path') || ' '"
                + " || current_setting('work_mem') || ' ' || current_setting('check_function_bodies')");
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static synchronized TestDatabase database(int major) {
        try {
            TestDatabase db = DATABASES.get(major);
            if (db == null) {
                db = TestPostgres.freshDatabase(major);
                DATABASES.put(major, db);
            }
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
