package io.postkit.core;

import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.workflow.LocalClone;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.testing.LocalServerProbe;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema files are code from a branch. Each way out of "declare the desired state" fails with one clear message
 * naming file and line, and changes nothing: not the local server's settings, not the files on the build machine,
 * not the clone. Refused by postkit where the statement says what it is (DO, ALTER SYSTEM), refused by PostgreSQL
 * where it hides in a function, since the files run as a role that is not a superuser.
 */
class SandboxIT {

    private static final String CUSTOMERS = "CREATE TABLE customers (id int PRIMARY KEY, name text);";
    /** Where a program run by the server (as its OS user) would leave a trace: /tmp is writable by every user. */
    private static final Path PWNED = Path.of("/tmp/postkit-pwned-" + ProcessHandle.current().pid());

    private static TestProject project;
    private static Workspace workspace;
    private static Project state;

    @BeforeAll
    static void startSession() throws Exception {
        project = TestProject.withRemote("sandbox", 18, CUSTOMERS + " INSERT INTO customers VALUES (1, 'a');",
                CUSTOMERS);
        workspace = project.workspace();
        state = new Project(workspace);
        new StartCommand(workspace, Clock.systemUTC()).run(null);
    }

    @AfterAll
    static void abort() {
        new AbortCommand(workspace).run();
    }

    @AfterEach
    void removeTheFiles() throws Exception {
        Files.deleteIfExists(project.schemaDir().resolve("tables/escape.sql"));
        Files.deleteIfExists(project.schemaDir().resolve("infra/escape.sql"));
    }

    static Stream<Arguments> escapes() {
        String touch = "touch " + PWNED;
        return Stream.of(
                Arguments.of("a DO block dropping a table", "DO $$BEGIN EXECUTE 'DROP TABLE customers'; END$$;",
                        1, null, "'DO' does not belong in a schema file, which declares the desired state"),
                Arguments.of("ALTER SYSTEM", "\nALTER SYSTEM SET work_mem = '77MB';", 2, null,
                        "'ALTER SYSTEM' does not belong in a schema file, which declares the desired state"),
                Arguments.of("COPY FROM PROGRAM in a function a column DEFAULT calls",
                        "CREATE FUNCTION pwn() RETURNS text LANGUAGE plpgsql AS $$BEGIN COPY (SELECT 1) TO PROGRAM '"
                                + touch + "'; RETURN 'x'; END$$;\n"
                                + "CREATE TABLE victim (id int, note text DEFAULT pwn());\n"
                                + "CREATE FUNCTION fill() RETURNS int LANGUAGE plpgsql AS $$BEGIN INSERT INTO"
                                + " public.victim (id) VALUES (1); RETURN 1; END$$;\n"
                                + "CREATE MATERIALIZED VIEW filled AS SELECT public.fill();", 4, "42501",
                        "ERROR: permission denied to COPY to or from an external program"),
                Arguments.of("a SECURITY DEFINER function given to the superuser",
                        "CREATE FUNCTION escalate() RETURNS void LANGUAGE sql SECURITY DEFINER"
                                + " AS $$ SELECT 1 $$;\nALTER FUNCTION escalate() OWNER TO postgres;", 2, "42501",
                        "ERROR: must be able to SET ROLE \"postgres\""),
                Arguments.of("an event trigger", "CREATE FUNCTION spy() RETURNS event_trigger LANGUAGE plpgsql"
                                + " AS $$BEGIN PERFORM 1; END$$;\nCREATE EVENT TRIGGER spy ON ddl_command_end"
                                + " EXECUTE FUNCTION spy();", 2, "42501",
                        "ERROR: permission denied to create event trigger \"spy\""),
                Arguments.of("lo_import", "CREATE MATERIALIZED VIEW leak AS SELECT lo_import('/etc/hostname');", 1,
                        "42501", "ERROR: permission denied for function lo_import"),
                Arguments.of("pg_read_file", "CREATE MATERIALIZED VIEW leak AS SELECT pg_read_file('/etc/hostname');",
                        1, "42501", "ERROR: permission denied for function pg_read_file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void anEscapeFailsWithFileAndLineAndChangesNothing(String escape, String sql, int line, String sqlState,
                                                       String problem) throws Exception {
        String settings = serverSettings();
        String clone = cloneFingerprint();
        project.schemaFile("tables/escape.sql", sql);

        SqlStatementException e = assertThrows(SqlStatementException.class,
                () -> new PlanCommand(workspace, Clock.systemUTC()).run());

        assertEquals("db/schema/tables/escape.sql:" + line, e.location(), e.getMessage());
        assertEquals(sqlState, e.sqlState(), e.getMessage());
        assertEquals(problem, e.problem(), e.getMessage());
        assertFalse(Files.exists(PWNED), "no program ran on the build machine");
        assertEquals(settings, serverSettings(), "the local server's settings are unchanged");
        assertEquals(clone, cloneFingerprint(), "the clone is unchanged");
        assertEquals(List.of(state.state().requireSession("test").localDatabase()),
                new LocalServerProbe(workspace, 18).databases(), "no shadow is left");
        assertEquals("0", localValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit_sandbox_%'"),
                "no sandbox role is left");
    }

    /**
     * {@code infra/} builds the shadow first, in a sandbox of its own: a program it runs fails at its line, and a
     * SECURITY DEFINER function it writes runs as {@code postkit_infra}, not as the superuser, when a schema file's
     * materialized view calls it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("infraEscapes")
    void anInfraEscapeFailsWithFileAndLineAndChangesNothing(String escape, String infra, String schema,
                                                            String location) throws Exception {
        String settings = serverSettings();
        String clone = cloneFingerprint();
        project.schemaFile("infra/escape.sql", infra);
        if (schema != null) {
            project.schemaFile("tables/escape.sql", schema);
        }

        SqlStatementException e = assertThrows(SqlStatementException.class,
                () -> new PlanCommand(workspace, Clock.systemUTC()).run());

        assertEquals(location, e.location(), e.getMessage());
        assertEquals("42501", e.sqlState(), e.getMessage());
        assertEquals("ERROR: permission denied to COPY to or from an external program", e.problem(), e.getMessage());
        assertFalse(Files.exists(PWNED), "no program ran on the build machine");
        assertEquals(settings, serverSettings(), "the local server's settings are unchanged");
        assertEquals(clone, cloneFingerprint(), "the clone is unchanged");
        assertEquals(List.of(state.state().requireSession("test").localDatabase()),
                new LocalServerProbe(workspace, 18).databases(), "no shadow is left");
        assertEquals("0", localValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit\\_%\\_%'"),
                "no sandbox role is left");
    }

    static Stream<Arguments> infraEscapes() {
        String copy = "COPY (SELECT 1) TO PROGRAM 'touch " + PWNED + "'";
        return Stream.of(
                Arguments.of("COPY TO PROGRAM in infra/", "CREATE SCHEMA IF NOT EXISTS app;\n" + copy + ";", null,
                        "db/schema/infra/escape.sql:2"),
                Arguments.of("a SECURITY DEFINER function infra/ wrote, called by a materialized view",
                        "CREATE FUNCTION public.pwn() RETURNS int LANGUAGE plpgsql SECURITY DEFINER AS $$BEGIN "
                                + copy + "; RETURN 1; END$$;",
                        "CREATE MATERIALIZED VIEW leak AS SELECT public.pwn();", "db/schema/tables/escape.sql:1"));
    }

    @Test
    void aPlanStillBuildsWhatTheFilesDeclareAndTheSandboxLeavesNoTrace() throws Exception {
        project.schemaFile("tables/escape.sql", "CREATE TABLE orders (id int PRIMARY KEY,"
                + " customer_id int REFERENCES customers (id));\n"
                + "ALTER TABLE orders OWNER TO order_owner;\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;\n"
                + "CREATE TABLE lines (id int);\n"
                + "COMMENT ON TABLE orders IS 'orders';\n"
                + "GRANT SELECT ON orders TO reporting;");
        var plan = new PlanCommand(workspace, Clock.systemUTC()).run();
        String sql = String.join("\n", plan.statements().stream().map(s -> s.sql()).toList());
        assertTrue(sql.contains("GRANT SELECT ON TABLE \"public\".\"lines\" TO \"reporting\""),
                "defaults given without FOR ROLE reach what the files create after them, as on the clone:\n" + sql);
        assertFalse(sql.contains("postkit_sandbox"), "the sandbox role appears nowhere in the plan:\n" + sql);
        assertEquals("0", localValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit_sandbox_%'"));
        new io.postkit.core.internal.workflow.ProjectState(project.dir().resolve(".postkit")).deletePlan();
    }

    private static String serverSettings() throws Exception {
        return Files.readString(new LocalServerProbe(workspace, 18).dataDir().resolve("postgresql.auto.conf"));
    }

    private static String cloneFingerprint() throws Exception {
        try (RunningServer server = state.localServers().start(18)) {
            LocalClone clone = LocalClone.of(state, server, state.state().requireSession("test"));
            try (Connection c = clone.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(id || ':' || name, ',') FROM customers")) {
                rs.next();
                return SchemaFingerprint.of(clone.readSchema()) + " " + rs.getString(1);
            }
        }
    }

    private static String localValue(String sql) throws Exception {
        try (RunningServer server = state.localServers().start(18); Connection c = server.connect("postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
