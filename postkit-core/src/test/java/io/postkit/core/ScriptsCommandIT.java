package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.Workspace;
import io.postkit.core.testing.LocalServerProbe;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code postkit:infra}, {@code postkit:grants}, {@code postkit:seed}: print, or run on the clone or a remote. */
class ScriptsCommandIT {

    private static final String TABLE = "CREATE TABLE plans (code text PRIMARY KEY, price int NOT NULL);";
    private static final String SEED = "INSERT INTO plans VALUES ('free', 0), ('pro', 10) ON CONFLICT DO NOTHING;";

    @Test
    void withoutApplyTheSqlIsOnlyPrinted() throws Exception {
        TestProject project = project("print");
        ScriptsCommand.Result result = run(project.workspace(), ScriptsCommand.Kind.SEEDS, false, null, false);
        assertEquals(List.of("db/schema/seeds/plans.sql"), result.files());
        assertNull(result.target());
        assertEquals("0", project.remote().queryValue("SELECT count(*) FROM plans"));
    }

    @Test
    void seedsRunOnTheCloneAndOnARemoteWithConsent() throws Exception {
        TestProject project = project("seed");
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);

        ScriptsCommand.Result clone = run(workspace, ScriptsCommand.Kind.SEEDS, true, null, false);
        assertEquals("local clone", clone.target());
        assertEquals("0", project.remote().queryValue("SELECT count(*) FROM plans"), "the remote is not touched");

        RemoteConfig confirming = new RemoteConfig("guarded", project.remote().url() + "?user=postgres", null, false,
                true);
        Workspace guarded = project.workspace(io.postkit.core.api.PostkitLog.SILENT, List.of(confirming));
        PostkitException batch = assertThrows(PostkitException.class,
                () -> run(guarded, ScriptsCommand.Kind.SEEDS, true, "guarded", false));
        assertEquals("Running seeds/ on remote 'guarded' needs confirmation, and this build cannot ask (batch mode)."
                + " Run with -Dpostkit.yes, or set <confirm>false</confirm> on the remote.", batch.getMessage());
        assertEquals("0", project.remote().queryValue("SELECT count(*) FROM plans"));

        ScriptsCommand.Result remote = run(guarded, ScriptsCommand.Kind.SEEDS, true, "guarded", true);
        assertEquals("remote 'guarded'", remote.target());
        assertEquals("free:0,pro:10", project.remote().queryValue("SELECT string_agg(code || ':' || price, ','"
                + " ORDER BY code) FROM plans"));
    }

    /** postkit:seed on the clone runs as a sandbox role with no superuser power; on a remote, as its user. */
    @Test
    void seedsRunAsASandboxRoleOnTheCloneAndAsTheRemoteUserThere() throws Exception {
        TestProject project = project("sandbox");
        project.schemaFile("seeds/plans.sql", "INSERT INTO plans VALUES (current_user, 1) ON CONFLICT DO NOTHING;");
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);

        run(workspace, ScriptsCommand.Kind.SEEDS, true, null, false);
        run(workspace, ScriptsCommand.Kind.SEEDS, true, "test", true);
        assertEquals("postgres", project.remote().queryValue("SELECT string_agg(code, ',') FROM plans"));
        assertEquals("postkit_seed_", cloneValue(workspace, "SELECT string_agg(regexp_replace(code, '[0-9a-f]{16}$',"
                + " ''), ',') FROM plans"));

        project.schemaFile("seeds/plans.sql", "DELETE FROM plans;\nCOPY plans FROM PROGRAM 'echo x,1';");
        PostkitException e = assertThrows(PostkitException.class,
                () -> run(workspace, ScriptsCommand.Kind.SEEDS, true, null, false));
        SqlStatementException cause = assertInstanceOf(SqlStatementException.class, e.getCause());
        assertEquals("db/schema/seeds/plans.sql:2", cause.location(), e.getMessage());
        assertEquals("42501", cause.sqlState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Running seeds/ on the local clone failed; it was rolled back and the"
                + " local clone is unchanged:\n"), e.getMessage());
        assertEquals("1", cloneValue(workspace, "SELECT count(*) FROM plans"), "the DELETE was rolled back");
        assertEquals("0", cloneValue(workspace, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit\\_seed%'"));
    }

    @Test
    void anSqlErrorNamesFileAndLineAndRollsEverythingBack() throws Exception {
        TestProject project = project("errors");
        project.schemaFile("seeds/plans.sql", SEED + "\n-- a typo\nINSERT INTO plan VALUES ('x', 1);");
        project.schemaFile("grants/plans.sql", "GRANT SELECT ON plans TO PUBLIC;\nGRANT SELECT ON nowhere TO PUBLIC;");
        project.schemaFile("infra/roles.sql",
                "CREATE ROLE scripts_it_role;\n\nCREATE SCHEMA app AUTHORIZATION nobody_here;");
        Workspace workspace = project.workspace();

        assertFailsAt(workspace, ScriptsCommand.Kind.SEEDS, "db/schema/seeds/plans.sql:3", "42P01");
        assertEquals("0", project.remote().queryValue("SELECT count(*) FROM plans"), "the first statement too");
        assertFailsAt(workspace, ScriptsCommand.Kind.GRANTS, "db/schema/grants/plans.sql:2", "42P01");
        assertEquals("f", project.remote().queryValue("SELECT has_table_privilege('public', 'plans', 'SELECT')"));
        assertFailsAt(workspace, ScriptsCommand.Kind.INFRA, "db/schema/infra/roles.sql:3", "42704");
        assertEquals("0", project.remote().queryValue("SELECT count(*) FROM pg_roles"
                + " WHERE rolname = 'scripts_it_role'"), "the role of line 1 was rolled back");
    }

    @Test
    void noSessionAndAnUnreachableRemoteAreClearErrors() throws Exception {
        TestProject project = project("unreachable");
        Path state = project.dir().resolve(".postkit");
        PostkitException none = assertThrows(PostkitException.class,
                () -> run(project.workspace(), ScriptsCommand.Kind.SEEDS, true, null, false));
        assertEquals("No active session, so there is no local clone to run seeds/ on. Run mvn postkit:start first,"
                + " or choose a remote with -Dpostkit.remote=<name>.", none.getMessage());

        RemoteConfig gone = new RemoteConfig("gone", "jdbc:postgresql://localhost:1/nowhere?user=postgres", null,
                false, false);
        PostkitException unreachable = assertThrows(PostkitException.class, () -> run(project.workspace(
                io.postkit.core.api.PostkitLog.SILENT, List.of(gone)), ScriptsCommand.Kind.SEEDS, true, "gone", false));
        assertTrue(unreachable.getMessage().startsWith("Cannot reach remote 'gone' at localhost:1/nowhere:"),
                unreachable.getMessage());
        assertTrue(!Files.exists(state.resolve("db/session.json")), "no state was written");
    }

    private static void assertFailsAt(Workspace workspace, ScriptsCommand.Kind kind, String location,
                                      String sqlState) {
        PostkitException e = assertThrows(PostkitException.class, () -> run(workspace, kind, true, "test", true));
        SqlStatementException cause = assertInstanceOf(SqlStatementException.class, e.getCause());
        assertEquals(location, cause.location(), e.getMessage());
        assertEquals(sqlState, cause.sqlState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Running " + kind.folder() + " on remote 'test' failed; it was rolled"
                + " back and remote 'test' is unchanged:\n" + location), e.getMessage());
    }

    private static String cloneValue(Workspace workspace, String sql) throws Exception {
        return new LocalServerProbe(workspace, 18).cloneValue(sql);
    }

    private static TestProject project(String name) throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(18);
        remote.execute(TABLE);
        TestProject project = TestProject.create("scripts-" + name, remote);
        project.schemaFile("tables/plans.sql", TABLE);
        project.schemaFile("seeds/plans.sql", SEED);
        return project;
    }

    private static ScriptsCommand.Result run(Workspace workspace, ScriptsCommand.Kind kind, boolean apply,
                                             String remote, boolean yes) {
        return new ScriptsCommand(workspace).run(new ScriptsCommand.Request(kind, apply, remote, yes));
    }
}
