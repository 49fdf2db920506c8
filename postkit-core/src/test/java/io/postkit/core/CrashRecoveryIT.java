package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.state.CommittedHistory;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.testing.ChildGoal;
import io.postkit.core.testing.LocalServerProbe;
import io.postkit.core.testing.RecordingLog;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection: a goal runs in a JVM of its own and is killed (kill -9) at a chosen moment, or the database
 * under it fails. After each, the next goal recovers with one clear line, nothing committed is lost, the target
 * holds whole migrations only, and no local server or database is left behind.
 */
class CrashRecoveryIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    /** An index on slow_key(id) takes 4 ms per row to build: long enough to kill a goal during it. */
    private static final String SLOW_KEY = "CREATE FUNCTION slow_key(i int) RETURNS int IMMUTABLE LANGUAGE plpgsql"
            + " AS $$BEGIN PERFORM pg_sleep(0.004); RETURN i; END$$;";
    private static final String ITEMS = "CREATE TABLE items (id int PRIMARY KEY, note text);";

    @ParameterizedTest(name = "kill -9 during {0}")
    @CsvSource(delimiter = '|', value = {
            "the clone's copy|CREATE TABLE items (id int PRIMARY KEY, note text); INSERT INTO items SELECT g,"
                    + " repeat(md5(g::text), 8) FROM generate_series(1, 200000) g;|%COPY %",
            "the clone's index build|" + SLOW_KEY + ITEMS + " INSERT INTO items SELECT g, 'n' FROM"
                    + " generate_series(1, 700) g; CREATE INDEX items_slow ON items (slow_key(id));|%CREATE INDEX%"})
    void aKilledStartLeavesAServerAndAHalfCloneThatTheNextGoalRemoves(String moment, String remoteSql,
                                                                      String activity) throws Exception {
        TestProject project = TestProject.withRemote("crash-start", 18, remoteSql, ITEMS);
        LocalServerProbe local = new LocalServerProbe(project.workspace(), 18);
        try (ChildGoal start = child(project, "start")) {
            start.await(() -> local.active(activity) > 0, WAIT, moment);
            start.kill();
        }
        assertTrue(local.running(), "kill -9 leaves the local server running");
        assertFalse(Files.exists(sessionFile(project)), "no session was recorded");

        RecordingLog log = new RecordingLog();
        new StatusCommand(project.workspace(log)).run(true);
        String servers = log.startingWith("INFO Local servers:").get(0);
        assertTrue(servers.matches("(?s)INFO Local servers:\n  pg18 \\(.*pg18\\): running on port \\d+, left running by"
                + " a goal that did not finish; the next goal stops it\n    clone postkit_clone_[0-9a-f]{16}"
                + " \\([0-9.]+ MB\\): left by a goal that did not finish \\(process \\d+\\); the next goal"
                + " removes it"), servers);
        assertTrue(local.running(), "status changes nothing");

        log.clear();
        new StartCommand(project.workspace(log), Clock.systemUTC()).run(null);
        assertEquals(List.of("INFO The local PostgreSQL server on " + local.dataDir() + " was left running by a goal"
                + " that did not finish; it is stopped when this goal ends."), log.startingWith("INFO The local"));
        List<String> removed = log.startingWith("INFO Removed");
        assertEquals(1, removed.size(), log.lines().toString());
        assertTrue(removed.get(0).matches("INFO Removed what goals that did not finish left on the local server:"
                + " postkit_clone_[0-9a-f]{16} \\(clone, [0-9.]+ MB, made by process \\d+\\)\\."), removed.get(0));
        assertFalse(local.running(), "the goal that found the server left running stopped it");
        assertEquals(List.of(session(project).localDatabase()), local.databases(), "only the new session's clone");

        new AbortCommand(project.workspace()).run();
        assertEquals(List.of(), local.databases());
        assertFalse(local.running());
    }

    /**
     * Infra runs in one transaction with its sandbox role, the stubs of the roles it creates and the clone's owner
     * lent to that role: a kill leaves none of it, only the half-made clone the next goal removes.
     */
    @Test
    void aStartKilledWhileItsInfraRunsLeavesNoRoleAndTheNextStartRemovesTheClone() throws Exception {
        TestProject project = TestProject.withRemote("crash-infra", 18, ITEMS, ITEMS);
        project.schemaFile("infra/roles.sql", "CREATE ROLE crash_infra_app;\nCREATE SCHEMA app;\n"
                + "SELECT pg_sleep(60);");
        LocalServerProbe local = new LocalServerProbe(project.workspace(), 18);
        try (ChildGoal start = child(project, "start")) {
            start.await(() -> local.active("%pg\\_temp.\"postkit\\_infra\\_%") > 0, WAIT, "infra on the clone");
            start.kill();
        }
        assertEquals(List.of(), local.roles("crash\\_infra\\_%"), "the stub rolled back with infra");
        assertEquals(List.of(), local.roles("postkit\\_infra\\_%"), "no sandbox role is left");

        project.schemaFile("infra/roles.sql", "CREATE ROLE crash_infra_app;\nCREATE SCHEMA app;");
        RecordingLog log = new RecordingLog();
        new StartCommand(project.workspace(log), Clock.systemUTC()).run(null);
        assertEquals(1, log.startingWith("INFO Removed").size(), log.lines().toString());
        assertEquals(List.of("crash_infra_app"), local.roles("crash\\_infra\\_%"));
        assertEquals(List.of(), local.roles("postkit\\_infra\\_%"));
        assertEquals("postgres:postkit_infra", local.cloneValue("SELECT pg_get_userbyid(datdba) || ':'"
                + " || (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'app')"
                + " FROM pg_database WHERE datname = current_database()"));

        new AbortCommand(project.workspace()).run();
        assertNothingLeftLocally(local);
    }

    @Test
    void aPlanKilledWhileBuildingTheShadowLeavesADatabaseAndARoleThatTheNextGoalRemoves() throws Exception {
        TestProject project = TestProject.withRemote("crash-plan", 18, ITEMS, ITEMS
                + "\nCREATE MATERIALIZED VIEW slow AS SELECT 1 AS one FROM pg_sleep(30);");
        Workspace workspace = project.workspace();
        LocalServerProbe local = new LocalServerProbe(workspace, 18);
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        try (ChildGoal plan = child(project, "plan")) {
            plan.await(() -> local.active("%pg_sleep%") > 0, WAIT, "the shadow's build");
            plan.kill();
        }
        String clone = session(project).localDatabase();
        project.schemaFile("schema.sql", ITEMS);

        RecordingLog log = new RecordingLog();
        new PlanCommand(project.workspace(log), Clock.systemUTC()).run();
        List<String> removed = log.startingWith("INFO Removed");
        assertEquals(1, removed.size(), log.lines().toString());
        assertTrue(removed.get(0).matches("INFO Removed what goals that did not finish left on the local server:"
                + " postkit_shadow_[0-9a-f]{16} \\(shadow, [0-9.]+ MB, made by process \\d+\\),"
                + " role postkit_sandbox_[0-9a-f]{16}\\."), removed.get(0));
        assertEquals(List.of(clone), local.databases(), "the session's clone is kept");

        new AbortCommand(workspace).run();
        assertNothingLeftLocally(local);
    }

    @Test
    void anApplyKilledDuringItsIndexBuildLeavesNoMigrationThatNeverRan() throws Exception {
        TestProject project = TestProject.withRemote("crash-apply", 18, SLOW_KEY + ITEMS
                + " INSERT INTO items SELECT g, 'n' FROM generate_series(1, 700) g;", SLOW_KEY + ITEMS
                + " CREATE INDEX items_slow ON items (slow_key(id));");
        Workspace workspace = project.workspace();
        LocalServerProbe local = new LocalServerProbe(workspace, 18);
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        new PlanCommand(workspace, Clock.systemUTC()).run();
        try (ChildGoal apply = child(project, "apply")) {
            apply.await(() -> local.active("%CREATE INDEX%") > 0, WAIT, "the index build on the clone");
            apply.kill();
        }
        List<String> left = sessionFiles(project);
        assertEquals(1, left.size(), left.toString());
        String migration = left.get(0).replace(".applying", "");
        assertTrue(left.get(0).matches("\\d{14}_schema_change\\.sql\\.applying"), left.toString());

        RecordingLog log = new RecordingLog();
        assertEquals(1, new PlanCommand(project.workspace(log), Clock.systemUTC()).run().statements().size());
        assertEquals(List.of("INFO An apply did not finish: " + migration + " never ran on the local clone and was"
                + " removed."), log.startingWith("INFO An apply"));
        assertEquals(List.of(), sessionFiles(project));

        MigrationFile applied = new ApplyCommand(workspace, Clock.systemUTC())
                .run(new ApplyCommand.Options(false, null)).get(0);
        assertEquals(List.of(applied.fileName()), committedFileNames(new CommitCommand(workspace,
                Clock.systemUTC()).run()), "only the migration that ran is committed");
        deploy(workspace);
        assertEquals(applied.version(), project.remote().queryValue("SELECT string_agg(version, ',')"
                + " FROM schema_migrations"));
        assertEquals(1, project.remote().queryInt("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_slow'"));
        assertNothingLeftLocally(local);
    }

    @Test
    void anApplyKilledAfterItsMigrationRanKeepsTheMigration() throws Exception {
        TestProject project = TestProject.withRemote("crash-apply-ran", 18, ITEMS,
                ITEMS.replace("note text", "note text, added int"));
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        new PlanCommand(workspace, Clock.systemUTC()).run();
        Path pause = pauseFile(project);
        try (ChildGoal apply = child(project, Map.of("POSTKIT_PAUSE_AT", "apply.ran",
                "POSTKIT_PAUSE_FILE", pause.toString()), "apply")) {
            apply.await(() -> Files.exists(pause), WAIT, "the pause after the migration ran");
            apply.kill();
        }
        String migration = sessionFiles(project).get(0).replace(".applying", "");

        RecordingLog log = new RecordingLog();
        List<MigrationFile> committed = new CommitCommand(project.workspace(log), Clock.systemUTC()).run();
        assertEquals(List.of("INFO An apply did not finish: " + migration + " ran on the local clone and was kept."
                + " Run mvn postkit:plan again: it plans from where the clone is now."), log.startingWith("INFO An"));
        assertEquals(List.of(migration), committedFileNames(committed));
        assertNothingLeftLocally(new LocalServerProbe(workspace, 18));
    }

    @Test
    void aCommitKilledBeforeOrAfterItsCommitPointIsUndoneOrFinished() throws Exception {
        TestProject project = TestProject.withRemote("crash-commit", 18, ITEMS, ITEMS);
        Workspace workspace = project.workspace();
        String first = applyColumn(project, "a");
        Path pause = pauseFile(project);
        try (ChildGoal commit = child(project, Map.of("POSTKIT_PAUSE_AT", "commit.copied",
                "POSTKIT_PAUSE_FILE", pause.toString()), "commit")) {
            commit.await(() -> Files.exists(pause), WAIT, "the pause before committed.json is written");
            commit.kill();
        }
        assertEquals(List.of(first), migrationFiles(project), "the copy reached migrations/");
        assertFalse(Files.exists(committedFile(project)), "but not committed.json");

        RecordingLog log = new RecordingLog();
        new CommitCommand(project.workspace(log), Clock.systemUTC()).run();
        assertEquals(List.of("INFO A commit did not complete (it stopped before writing .postkit/db/committed.json):"
                + " removed " + first + " from .postkit/db/migrations/ again; the session is as it was. Run mvn"
                + " postkit:commit again."), log.startingWith("INFO A commit"));
        assertEquals(List.of(first), recordedFileNames(project));
        deploy(workspace);

        String second = applyColumn(project, "b");
        Files.deleteIfExists(pause);
        try (ChildGoal commit = child(project, Map.of("POSTKIT_PAUSE_AT", "commit.recorded",
                "POSTKIT_PAUSE_FILE", pause.toString()), "commit")) {
            commit.await(() -> Files.exists(pause), WAIT, "the pause after committed.json is written");
            commit.kill();
        }
        String clone = session(project).localDatabase();
        assertEquals(List.of(first, second), recordedFileNames(project));

        log.clear();
        deploy(project.workspace(log));
        assertEquals(List.of("INFO A commit did not complete after recording " + second.substring(0, 14)
                + " in .postkit/db/committed.json: finished it (its clone '" + clone + "' was dropped, the session"
                + " ended)."), log.startingWith("INFO A commit"));
        assertFalse(Files.exists(sessionFile(project)));
        assertEquals(first.substring(0, 14) + "," + second.substring(0, 14), appliedOn(project.remote()));
        assertNothingLeftLocally(new LocalServerProbe(workspace, 18));
    }

    @Test
    void aDeployKilledBetweenTwoMigrationsLeavesTheFirstWholeAndTheNextDeployAppliesTheRest() throws Exception {
        TestProject project = TestProject.withRemote("crash-deploy", 18, ITEMS, ITEMS);
        List<MigrationFile> migrations = committed(project,
                "ALTER TABLE items ADD COLUMN a int; CREATE TABLE first_one (id int);",
                "CREATE TABLE second_one (id int);");
        Path pause = pauseFile(project);
        try (ChildGoal deploy = child(project, Map.of("POSTKIT_PAUSE_AT", "deploy.between",
                "POSTKIT_PAUSE_FILE", pause.toString()), "deploy")) {
            deploy.await(() -> Files.exists(pause), WAIT, "the pause after the first migration");
            deploy.kill();
        }
        TestDatabase remote = project.remote();
        assertEquals(migrations.get(0).version(), appliedOn(remote));
        assertEquals(2, remote.queryInt("SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                + " AND attname IN ('a', 'note')"), "the first migration is whole");
        assertEquals("first_one", remote.queryValue("SELECT string_agg(relname, ',') FROM pg_class"
                + " WHERE relname LIKE '%_one'"));

        RecordingLog log = new RecordingLog();
        deploy(project.workspace(log));
        assertEquals(List.of("INFO Pending on remote 'test': " + migrations.get(1).fileName()),
                log.startingWith("INFO Pending"));
        assertEquals(migrations.get(0).version() + "," + migrations.get(1).version(), appliedOn(remote));
        assertNothingLeftLocally(new LocalServerProbe(project.workspace(), 18));
    }

    @Test
    void aDeployWhoseBackendIsTerminatedSaysWhatStayedAndTheNextDeployFinishes() throws Exception {
        TestProject project = TestProject.withRemote("crash-terminate", 18, ITEMS + " CREATE TABLE hold (id int);",
                ITEMS);
        TestDatabase remote = project.remote();
        List<MigrationFile> migrations = committed(project, "CREATE TABLE first_one (id int);",
                "SELECT pg_sleep(CASE WHEN current_database() = '" + remote.name() + "' AND to_regclass('hold')"
                        + " IS NOT NULL THEN 60 ELSE 0 END); CREATE TABLE second_one (id int);");
        String output;
        try (ChildGoal deploy = child(project, "deploy")) {
            deploy.await(() -> remote.queryInt("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query LIKE 'SELECT pg_sleep(CASE%'") > 0, WAIT, "the second migration on the target");
            remote.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE query LIKE 'SELECT pg_sleep(CASE%' AND pid <> pg_backend_pid()");
            assertEquals(1, deploy.awaitExit(WAIT));
            output = deploy.output();
        }
        assertTrue(output.contains("FAILED Migration " + migrations.get(1).fileName() + " failed on remote 'test'"
                + " and was rolled back:\n.postkit/db/migrations/" + migrations.get(1).fileName() + ":2:1: FATAL:"
                + " terminating connection"
                + " due to administrator command (SQLSTATE 57P01)"), output);
        assertTrue(output.contains("\n1 earlier migration(s) of this deploy stay applied. Fix the cause and run mvn"
                + " postkit:deploy again."), output);
        assertEquals(migrations.get(0).version(), appliedOn(remote));
        assertEquals(0, remote.queryInt("SELECT count(*) FROM pg_class WHERE relname = 'second_one'"));
        CommittedHistory history = new ProjectState(project.dir().resolve(".postkit")).history();
        assertEquals(List.of(List.of("test"), List.of()), history.migrations().stream()
                .map(e -> List.copyOf(e.deployments().keySet())).toList(), "what reached the target is recorded");

        remote.execute("DROP TABLE hold");
        deploy(project.workspace());
        assertEquals(migrations.get(0).version() + "," + migrations.get(1).version(), appliedOn(remote));
        assertNothingLeftLocally(new LocalServerProbe(project.workspace(), 18));
    }

    @Test
    void aRemoteRestartedDuringTheCloneFailsTheStartAndLeavesNothing() throws Exception {
        int port = freePort();
        EmbeddedPostgres remoteServer = TestPostgres.newServer(18, "crash-remote-" + System.nanoTime(),
                new ServerSettings(port, ServerSettings.DEFAULT_SUPERUSER, null, true));
        RunningServer running = remoteServer.start();
        try {
            try (Connection c = running.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE shop");
            }
            TestDatabase remote = new TestDatabase(running, 18, "shop");
            remote.execute("CREATE TABLE items (id int PRIMARY KEY, note text); INSERT INTO items SELECT g,"
                    + " repeat(md5(g::text), 8) FROM generate_series(1, 200000) g;");
            TestProject project = TestProject.create("crash-remote", remote);
            LocalServerProbe local = new LocalServerProbe(project.workspace(), 18);
            String output;
            try (ChildGoal start = child(project, "start")) {
                start.await(() -> local.active("%COPY %") > 0, WAIT, "the clone's copy");
                running.stop();
                running = remoteServer.start();
                assertEquals(1, start.awaitExit(WAIT));
                output = start.output();
            }
            assertTrue(output.contains("FAILED Cloning remote 'test' failed: "), output);
            assertTrue(output.contains(". The partial local copy was removed and no session was started."), output);
            assertFalse(Files.exists(sessionFile(project)));
            assertFalse(local.running(), "the failed goal stopped its server");
            assertEquals(List.of(), local.databases());

            new StartCommand(project.workspace(), Clock.systemUTC()).run(null);
            new AbortCommand(project.workspace()).run();
            assertNothingLeftLocally(local);
        } finally {
            running.stop();
        }
    }

    private static ChildGoal child(TestProject project, String goal) throws IOException {
        return child(project, Map.of(), goal);
    }

    private static ChildGoal child(TestProject project, Map<String, String> environment, String goal)
            throws IOException {
        return ChildGoal.start(environment, goal, project.dir().toString(), "remote=" + project.remote().url());
    }

    private static void deploy(Workspace workspace) {
        // a killed deploy's backend may take a moment to notice and free the deploy lock
        new DeployCommand(workspace, Clock.systemUTC()).run(new DeployCommand.Options(null, false, true,
                Duration.ofSeconds(20), Duration.ofSeconds(5), 3));
    }

    /** Plans and applies a new column {@code name}; @return the migration's file name */
    private static String applyColumn(TestProject project, String name) throws Exception {
        Workspace workspace = project.workspace();
        if (!Files.exists(sessionFile(project))) {
            new StartCommand(workspace, Clock.systemUTC()).run(null);
        }
        String columns = Files.readString(project.schemaDir().resolve("schema.sql"));
        project.schemaFile("schema.sql", columns.replace("note text", "note text, " + name + " int"));
        new PlanCommand(workspace, Clock.systemUTC()).run();
        return new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, "add_" + name))
                .get(0).fileName();
    }

    /** Committed migrations with these up sections, a second apart, as if committed earlier. */
    private static List<MigrationFile> committed(TestProject project, String... ups) {
        List<MigrationFile> migrations = new java.util.ArrayList<>();
        for (int i = 0; i < ups.length; i++) {
            migrations.add(new MigrationFile("2026010100000" + i, "step_" + i, ups[i], "", true));
        }
        new ProjectState(project.dir().resolve(".postkit")).commitMigrations(migrations, Instant.now(), () -> { });
        return migrations;
    }

    private static void assertNothingLeftLocally(LocalServerProbe local) throws Exception {
        assertFalse(local.running(), "no local server left running");
        assertEquals(List.of(), local.databases(), "no local database left");
    }

    private static String appliedOn(TestDatabase remote) throws Exception {
        return remote.queryValue("SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations");
    }

    private static List<String> committedFileNames(List<MigrationFile> migrations) {
        return migrations.stream().map(MigrationFile::fileName).toList();
    }

    private static List<String> recordedFileNames(TestProject project) {
        return new ProjectState(project.dir().resolve(".postkit")).history().migrations().stream()
                .map(e -> e.version() + "_" + e.name() + ".sql").toList();
    }

    private static io.postkit.core.internal.state.SessionState session(TestProject project) {
        return new ProjectState(project.dir().resolve(".postkit")).requireSession("test");
    }

    private static Path sessionFile(TestProject project) {
        return project.dir().resolve(".postkit/db/session.json");
    }

    private static Path committedFile(TestProject project) {
        return project.dir().resolve(".postkit/db/committed.json");
    }

    private static Path pauseFile(TestProject project) {
        return project.dir().resolve("paused");
    }

    private static List<String> sessionFiles(TestProject project) throws IOException {
        return list(project.dir().resolve(".postkit/db/session"));
    }

    private static List<String> migrationFiles(TestProject project) throws IOException {
        return list(project.dir().resolve(".postkit/db/migrations"));
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
