package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** infra/, grants/ and seeds/ run where the spec says: around the migrations of the clone, the dry run and the target. */
class ProjectScriptsIT {

    private static final int MAJOR = 18;
    private static final DeployCommand.Options DEPLOY =
            new DeployCommand.Options(null, false, true, Duration.ZERO, Duration.ofSeconds(5), 0);

    /** Regression: grants files were never applied, so the next plan revoked every privilege they give. */
    @Test
    void privilegesOfGrantsFilesAreDesiredStateDeployedAndNeverRevoked() throws Exception {
        String role = unique("reader");
        TestProject project = project("grants", "");
        project.schemaFile("infra/roles.sql", "CREATE ROLE " + role + " NOLOGIN;");
        project.schemaFile("tables/customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);");
        project.schemaFile("grants/readers.sql", "GRANT SELECT ON customers TO " + role + ";");
        Workspace workspace = project.workspace();

        PlanDocument first = session(workspace);
        assertEquals(List.of("GRANT SELECT ON TABLE \"public\".\"customers\" TO \"" + role + "\""),
                sqlOf(first, "GRANT"));
        assertEquals(List.of(), sqlOf(first, "REVOKE"));
        apply(workspace, "customers");
        new CommitCommand(workspace, Clock.systemUTC()).run();
        new DeployCommand(workspace, Clock.systemUTC()).run(DEPLOY);

        TestDatabase remote = project.remote();
        assertEquals("t", remote.queryValue("SELECT has_table_privilege('" + role + "', 'public.customers',"
                + " 'SELECT')"));
        PlanDocument second = session(workspace);
        assertEquals(List.of(), second.statements(), "the deployed remote equals the files, grants included");
    }

    /** Regression: infra/ ran only in the shadow, so an extension type failed on the clone and on the target. */
    @Test
    void infraRunsOnTheCloneAndOnTheTargetBeforeTheMigrations() throws Exception {
        String role = unique("writer");
        TestProject project = project("infra", "");
        project.schemaFile("infra/10_extensions.sql", "CREATE EXTENSION IF NOT EXISTS citext;");
        project.schemaFile("infra/20_roles.sql", "CREATE ROLE " + role + " NOLOGIN;");
        project.schemaFile("tables/users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email citext NOT NULL);"
                + "\nALTER TABLE users ENABLE ROW LEVEL SECURITY;"
                + "\nCREATE POLICY writers ON users FOR INSERT TO " + role + " WITH CHECK (true);");
        Workspace workspace = project.workspace();

        session(workspace);
        apply(workspace, "users");
        new CommitCommand(workspace, Clock.systemUTC()).run();
        assertTrue(new DeployCommand(workspace, Clock.systemUTC()).run(DEPLOY).applied());

        TestDatabase remote = project.remote();
        assertEquals("citext", remote.queryValue("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'public.users'::regclass AND attname = 'email'"));
        assertEquals(role, remote.queryValue("SELECT array_to_string(polroles::regrole[], ',') FROM pg_policy"));
    }

    @Test
    void seedsRunAfterTheMigrationsAndASeedThatIsNotIdempotentIsNamed() throws Exception {
        TestProject project = project("seeds", "");
        project.schemaFile("tables/plans.sql", "CREATE TABLE plans (code text PRIMARY KEY, price int NOT NULL,"
                + " seen int NOT NULL DEFAULT 0);");
        project.schemaFile("seed/10_plans.sql", "INSERT INTO plans (code, price) VALUES ('free', 0), ('pro', 10)"
                + "\n  ON CONFLICT (code) DO UPDATE SET price = excluded.price;");
        project.schemaFile("seed/20_counter.sql", "UPDATE plans SET seen = seen + 1 WHERE code = 'pro';");
        List<String> warnings = new ArrayList<>();
        Workspace workspace = project.workspace(warningsInto(warnings));

        session(workspace);
        apply(workspace, "plans");

        assertEquals(List.of("db/schema/seed/20_counter.sql: running it a second time changes rows of"
                + " [public.plans]. Seeds run after the migrations of every apply and deploy, so they must be"
                + " idempotent: INSERT ... ON CONFLICT DO NOTHING (or DO UPDATE), UPDATE ... WHERE, and the like."),
                warnings, "10_plans.sql is idempotent; 20_counter.sql is not");
        new CommitCommand(workspace, Clock.systemUTC()).run();
        new DeployCommand(workspace, Clock.systemUTC()).run(DEPLOY);
        assertEquals("free:0:0,pro:10:1", project.remote().queryValue("SELECT string_agg(code || ':' || price"
                + " || ':' || seen, ',' ORDER BY code) FROM plans"), "seeds ran once on the target");
    }

    @Test
    void aFailingSeedRollsTheMigrationBackOnTheCloneAndNamesFileAndLine() throws Exception {
        TestProject project = project("seed-error", "");
        project.schemaFile("tables/plans.sql", "CREATE TABLE plans (code text PRIMARY KEY, price int NOT NULL);");
        project.schemaFile("seeds/plans.sql", "-- prices\nINSERT INTO plans (code, price)\n  VALUES ('free', NULL)"
                + "\n  ON CONFLICT DO NOTHING;");
        Workspace workspace = project.workspace();
        session(workspace);
        String sessionJson = Files.readString(stateFile(project, "session.json"));

        PostkitException e = assertThrows(PostkitException.class, () -> apply(workspace, "plans"));

        SqlStatementException cause = assertInstanceOf(SqlStatementException.class, e.getCause());
        assertEquals("db/schema/seeds/plans.sql:2", cause.location());
        assertEquals("23502", cause.sqlState());
        assertEquals(sessionJson, Files.readString(stateFile(project, "session.json")), "the session is unchanged");
        assertTrue(Files.exists(stateFile(project, "plan.json")), "the plan stays");
        assertEquals(List.of(), sessionMigrations(project), "no migration file is left");
    }

    @Test
    void aFailedPlanStatementPointsIntoPlanSqlWhichStays() throws Exception {
        TestProject project = project("plan-error", "CREATE TABLE items (id int); INSERT INTO items VALUES (1), (1);");
        project.schemaFile("tables/items.sql", "CREATE TABLE items (id int);\nCREATE UNIQUE INDEX items_id ON"
                + " items (id);");
        Workspace workspace = project.workspace();
        session(workspace);

        PostkitException e = assertThrows(PostkitException.class, () -> apply(workspace, "unique_items"));

        SqlStatementException cause = assertInstanceOf(SqlStatementException.class, e.getCause());
        assertEquals(".postkit/db/plan.sql", cause.source());
        List<String> planSql = Files.readAllLines(stateFile(project, "plan.sql"));
        assertEquals("CREATE UNIQUE INDEX items_id ON public.items USING btree (id);",
                planSql.get(cause.line() - 1), "the line the error names holds the failing statement");
        assertFalse(e.getMessage().contains(".postkit/db/migrations"), e.getMessage());
    }

    @Test
    void anInfraErrorAtStartNamesFileAndLineAndLeavesNoSessionNorClone() throws Exception {
        TestProject project = project("infra-error", "CREATE TABLE t (id int);");
        project.schemaFile("infra/extensions.sql", "CREATE EXTENSION IF NOT EXISTS citext;\n"
                + "CREATE EXTENSION no_such_extension;");
        Workspace workspace = project.workspace();

        PostkitException e = assertThrows(PostkitException.class,
                () -> new StartCommand(workspace, Clock.systemUTC()).run(null));

        SqlStatementException cause = assertInstanceOf(SqlStatementException.class, e.getCause());
        assertEquals("db/schema/infra/extensions.sql:2", cause.location());
        assertTrue(e.getMessage().startsWith("Running infra/ on the clone of remote 'test' failed:\n"
                + "db/schema/infra/extensions.sql:2:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("The local copy was removed and no session was started."),
                e.getMessage());
        assertFalse(Files.exists(stateFile(project, "session.json")));
        try (var server = new io.postkit.core.internal.workflow.Project(workspace).localServers().start(MAJOR)) {
            assertEquals(List.of(), databases(server), "no clone is left");
        }
    }

    private static List<String> databases(io.postkit.core.internal.embedded.RunningServer server) throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = server.connect("postgres"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'postkit%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static TestProject project(String name, String remoteSql) throws Exception {
        TestDatabase remote = TestPostgres.freshDatabase(MAJOR);
        if (!remoteSql.isEmpty()) {
            remote.execute(remoteSql);
        }
        return TestProject.create(name, remote);
    }

    private static PlanDocument session(Workspace workspace) {
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        return new PlanCommand(workspace, Clock.systemUTC()).run();
    }

    private static void apply(Workspace workspace, String name) {
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, name));
    }

    private static List<String> sqlOf(PlanDocument plan, String prefix) {
        return plan.statements().stream().map(PlannedStatement::sql).filter(s -> s.startsWith(prefix)).toList();
    }

    private static Path stateFile(TestProject project, String name) {
        return project.dir().resolve(".postkit/db").resolve(name);
    }

    private static List<String> sessionMigrations(TestProject project) throws Exception {
        Path dir = stateFile(project, "session");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String unique(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
    }

    static PostkitLog warningsInto(List<String> warnings) {
        return new PostkitLog() {
            @Override public void info(String message) { }
            @Override public void warn(String message) { warnings.add(message); }
            @Override public void debug(String message) { }
        };
    }
}
