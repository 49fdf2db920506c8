package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.testing.LocalServerProbe;
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

/**
 * infra/, grants/ and seeds/ run where the spec says: around the migrations of the clone, the dry run and the target.
 */
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

    /**
     * Regression: default privileges in a grants file ran in the shadow after the schema files, so a new table never
     * got them there and the plan revoked what they give on the clone and the target (as import writes them, with
     * FOR ROLE, and as a user writes them, without).
     */
    @Test
    void defaultPrivilegesOfGrantsFilesReachNewTablesAndAreNeverRevoked() throws Exception {
        String reader = unique("reader");
        String auditor = unique("auditor");
        TestProject project = project("default-grants", "CREATE ROLE " + reader + " NOLOGIN;"
                + " CREATE ROLE " + auditor + " NOLOGIN;"
                + " ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + reader + ";"
                + " ALTER DEFAULT PRIVILEGES GRANT INSERT ON TABLES TO " + auditor + ";"
                + " CREATE TABLE customers (id bigint PRIMARY KEY);");
        project.schemaFile("tables/customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);");
        project.schemaFile("tables/orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);");
        project.schemaFile("grants/defaults.sql", "ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public"
                + " GRANT SELECT ON TABLES TO " + reader + ";\n"
                + "ALTER DEFAULT PRIVILEGES GRANT INSERT ON TABLES TO " + auditor + ";");
        Workspace workspace = project.workspace();

        PlanDocument plan = session(workspace);

        assertEquals(List.of("CREATE TABLE \"public\".\"orders\" (\n    \"id\" bigint NOT NULL\n)",
                "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_pkey\" PRIMARY KEY (id)",
                "GRANT INSERT ON TABLE \"public\".\"orders\" TO \"" + auditor + "\"",
                "GRANT SELECT ON TABLE \"public\".\"orders\" TO \"" + reader + "\""),
                plan.statements().stream().map(PlannedStatement::sql).toList());
        apply(workspace, "orders");
        assertEquals(List.of(), new PlanCommand(workspace, Clock.systemUTC()).run().statements());
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

    /**
     * Regressions found trying a PostKit-style infra/ by hand: an extension with views in a managed schema
     * ({@code pg_stat_statements}, PostGIS) made every plan fail ("must be owner of view pg_stat_statements"), and
     * infra's default privileges reached the clone's new tables but not the shadow's, so each plan revoked them.
     * Then: after the deploy, a new session's infra replaces a function the remote's {@code postgres} owns.
     */
    @Test
    void typicalInfraPlansAppliesAndDeploysAndANewSessionPlansNothing() throws Exception {
        String reader = unique("reader");
        TestProject project = project("typical-infra", "CREATE TABLE customers (id bigint PRIMARY KEY);");
        project.schemaFile("infra/10_extensions.sql", "CREATE EXTENSION IF NOT EXISTS citext;\n"
                + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;\n"
                + "CREATE EXTENSION IF NOT EXISTS postgres_fdw;");
        project.schemaFile("infra/20_roles.sql", "DO $$BEGIN CREATE ROLE " + reader + " NOLOGIN; EXCEPTION WHEN"
                + " duplicate_object THEN NULL; END$$;\n"
                + "ALTER ROLE " + reader + " SET statement_timeout = '30s';");
        project.schemaFile("infra/30_schemas.sql", "REVOKE CREATE ON SCHEMA public FROM PUBLIC;\n"
                + "GRANT USAGE ON SCHEMA public TO " + reader + ";\n"
                + "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + reader + ";\n"
                + "CREATE OR REPLACE FUNCTION public.slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE"
                + " AS $$ SELECT lower(t) $$;");
        project.schemaFile("tables/customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, email citext);");
        project.schemaFile("tables/reviews.sql", "CREATE TABLE reviews (id bigint PRIMARY KEY);");
        Workspace workspace = project.workspace();

        PlanDocument plan = session(workspace);
        assertEquals(List.of(), sqlOf(plan, "REVOKE"), "infra's default privileges reach the shadow's tables too");
        apply(workspace, "typical_infra");
        assertEquals(List.of(), new PlanCommand(workspace, Clock.systemUTC()).run().statements());
        new CommitCommand(workspace, Clock.systemUTC()).run();
        assertTrue(new DeployCommand(workspace, Clock.systemUTC()).run(DEPLOY).applied());
        assertEquals("postgres", project.remote().queryValue("SELECT pg_get_userbyid(proowner) FROM pg_proc"
                + " WHERE proname = 'slugify'"));

        assertEquals(List.of(), session(workspace).statements(), "a new session of the deployed remote");
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

    /**
     * Seeds on the clone run without superuser power (issue 8): one that runs a program on the build machine fails
     * at its line, and the apply rolls back whole. Ordinary seeds on a table with row level security and a trigger
     * still pass, and the sandbox leaves nothing a later plan would see.
     */
    @Test
    void aSeedRunningAProgramFailsTheApplyAndOrdinarySeedsLeaveNoTraceForTheNextPlan() throws Exception {
        Path pwned = Path.of("/tmp/postkit-seed-apply-pwned-" + ProcessHandle.current().pid());
        TestProject project = project("seed-sandbox", "");
        project.schemaFile("tables/plans.sql", "CREATE TABLE plans (code text PRIMARY KEY, price int NOT NULL);"
                + "\nCREATE TABLE audit (code text);"
                + "\nCREATE FUNCTION audit_plan() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
                + " INSERT INTO audit VALUES (NEW.code); RETURN NEW; END$$;"
                + "\nCREATE TRIGGER audited AFTER INSERT ON plans FOR EACH ROW EXECUTE FUNCTION audit_plan();"
                + "\nALTER TABLE plans ENABLE ROW LEVEL SECURITY;"
                + "\nCREATE POLICY nobody ON plans USING (false);");
        project.schemaFile("seeds/plans.sql", "INSERT INTO plans VALUES ('free', 0) ON CONFLICT DO NOTHING;\n"
                + "COPY plans FROM PROGRAM 'touch " + pwned + "';");
        Workspace workspace = project.workspace();
        session(workspace);
        String sessionJson = Files.readString(stateFile(project, "session.json"));

        PostkitException e = assertThrows(PostkitException.class, () -> apply(workspace, "plans"));

        SqlStatementException cause = assertInstanceOf(SqlStatementException.class, e.getCause());
        assertEquals("db/schema/seeds/plans.sql:2", cause.location(), e.getMessage());
        assertEquals("42501", cause.sqlState(), e.getMessage());
        assertTrue(e.getMessage().contains("seeds run as a sandbox role without superuser power"), e.getMessage());
        assertFalse(Files.exists(pwned), "no program ran on the build machine");
        assertEquals(sessionJson, Files.readString(stateFile(project, "session.json")), "the session is unchanged");
        assertEquals("f", cloneValue(workspace, "SELECT to_regclass('public.plans') IS NOT NULL"
                + " OR to_regclass('public.schema_migrations') IS NOT NULL AND EXISTS (SELECT FROM"
                + " public.schema_migrations)"), "the migration is neither on the clone nor recorded");
        assertEquals("0", cloneValue(workspace, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'postkit\\_seed%'"));

        project.schemaFile("seeds/plans.sql", "INSERT INTO plans VALUES ('free', 0) ON CONFLICT DO NOTHING;");
        new PlanCommand(workspace, Clock.systemUTC()).run();
        apply(workspace, "plans");

        assertEquals("free free", cloneValue(workspace, "SELECT (SELECT string_agg(code, ',') FROM plans) || ' '"
                + " || (SELECT string_agg(code, ',') FROM audit)"), "the seed and its trigger wrote their rows");
        assertEquals(List.of(), new PlanCommand(workspace, Clock.systemUTC()).run().statements(),
                "the sandbox role left no grant for the next plan to revoke");
    }

    /** The deploy's dry run is on a local clone of the target: its seeds run in the sandbox too. */
    @Test
    void aSeedTakingTheSuperuserBackFailsTheDryRunAndTheRemoteIsUnchanged() throws Exception {
        TestProject project = project("seed-dry-run", "");
        project.schemaFile("tables/plans.sql", "CREATE TABLE plans (code text PRIMARY KEY, price int NOT NULL);");
        project.schemaFile("seeds/plans.sql", "INSERT INTO plans VALUES ('free', 0) ON CONFLICT DO NOTHING;");
        Workspace workspace = project.workspace();
        session(workspace);
        apply(workspace, "plans");
        new CommitCommand(workspace, Clock.systemUTC()).run();
        project.schemaFile("seeds/plans.sql", "INSERT INTO plans VALUES ('free', 0) ON CONFLICT DO NOTHING;\n"
                + "\nRESET ROLE;\nALTER SYSTEM SET work_mem = '77MB';");

        PostkitException e = assertThrows(PostkitException.class,
                () -> new DeployCommand(workspace, Clock.systemUTC()).run(DEPLOY));

        assertTrue(e.getMessage().startsWith("The dry run on a clone of remote 'test' failed:\n"
                + "db/schema/seeds/plans.sql:3:1: ERROR: cannot set parameter \"role\" within security-definer"
                + " function"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Remote 'test' was not changed."), e.getMessage());
        assertEquals(null, project.remote().queryValue("SELECT to_regclass('public.plans')::text"));
        assertEquals("0", project.remote().queryValue("SELECT count(*) FROM pg_roles WHERE rolname LIKE"
                + " 'postkit\\_seed%'"));
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

    private static String cloneValue(Workspace workspace, String sql) throws Exception {
        return new LocalServerProbe(workspace, MAJOR).cloneValue(sql);
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
