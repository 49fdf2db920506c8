package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.testing.RecordingLog;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing that drops data or waits happens without a word: a line per dropped object, per wait, per retry. */
class DataLossAndWaitsIT {

    private static final String CUSTOMERS = "CREATE TABLE customers (id int PRIMARY KEY, name text);";
    /** DeployLock's advisory key: "postkit" in ASCII. */
    private static final long DEPLOY_LOCK = 0x706F73746B6974L;

    @Test
    void everyDroppedTableAndColumnIsSaidWithItsRowsAtApplyAndAtDeploy() throws Exception {
        TestProject project = TestProject.withRemote("data-loss", 18, "CREATE TABLE customers (id int PRIMARY KEY,"
                + " name text, note text); INSERT INTO customers SELECT g, 'c', CASE WHEN g % 4 <> 0 THEN 'n' END"
                + " FROM generate_series(1, 100) g; CREATE TABLE audit (id int);"
                + " INSERT INTO audit SELECT generate_series(1, 12);", CUSTOMERS);
        RecordingLog log = new RecordingLog();
        Workspace workspace = project.workspace(log);
        new StartCommand(workspace, Clock.systemUTC()).run(null);
        new PlanCommand(workspace, Clock.systemUTC()).run();
        log.clear();
        MigrationFile migration = new ApplyCommand(workspace, Clock.systemUTC())
                .run(new ApplyCommand.Options(true, "drop_audit")).get(0);
        assertDataLoss(log, "\\.postkit/db/plan\\.sql:\\d+", "on the local clone");

        new CommitCommand(workspace, Clock.systemUTC()).run();
        log.clear();
        deploy(workspace, Duration.ZERO, Duration.ofSeconds(5), 0);
        assertDataLoss(log, "\\.postkit/db/migrations/" + migration.fileName() + ":\\d+",
                "on the dry-run clone of remote 'test'");
        assertEquals(0, project.remote().queryInt("SELECT count(*) FROM pg_tables WHERE tablename = 'audit'"));
    }

    private static void assertDataLoss(RecordingLog log, String place, String where) {
        List<String> lines = log.startingWith("WARN Data loss");
        assertEquals(2, lines.size(), log.lines().toString());
        String column = "WARN Data loss: " + place + " drops column public\\.customers\\.note, which holds a value"
                + " in 75 of 100 row\\(s\\) " + where + "\\.";
        String table = "WARN Data loss: " + place + " drops table public\\.audit, 12 row\\(s\\) " + where + "\\.";
        assertEquals(1, lines.stream().filter(l -> l.matches(column)).count(), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.matches(table)).count(), lines.toString());
    }

    @Test
    void waitingForAnotherDeployAndRetryingALockAreEachSaid() throws Exception {
        TestProject project = TestProject.withRemote("waits", 18, CUSTOMERS, CUSTOMERS);
        TestDatabase remote = project.remote();
        MigrationFile migration = new MigrationFile("20260101000000", "add_extra",
                "ALTER TABLE customers ADD COLUMN extra int;", "", true);
        new ProjectState(project.dir().resolve(".postkit")).commitMigrations(List.of(migration), Instant.now(),
                () -> { });

        RecordingLog log = new RecordingLog();
        try (Connection other = remote.connect(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + DEPLOY_LOCK + ")");
            PostkitException e = assertThrows(PostkitException.class, () -> deploy(project.workspace(log),
                    Duration.ofSeconds(1), Duration.ofSeconds(5), 0));
            assertTrue(e.getMessage().startsWith("Another deploy to remote 'test' is in progress"), e.getMessage());
        }
        List<String> waits = log.startingWith("INFO Waiting");
        assertEquals(1, waits.size(), log.lines().toString());
        assertTrue(waits.get(0).matches("INFO Waiting up to 1 s \\(deployLockWait\\) for another deploy to remote"
                + " 'test' to finish \\(server process \\d+, application '.*', client .+, connected .+\\)\\."),
                waits.get(0));

        log.clear();
        Path pause = project.dir().resolve("paused");
        Workspace paused = TestProject.workspace(project.dir(), remote.url(), log, false, false,
                Map.of("POSTKIT_PAUSE_AT", "deploy.dry-run-passed", "POSTKIT_PAUSE_FILE", pause.toString()));
        CompletableFuture<DeployCommand.Result> deploy = CompletableFuture.supplyAsync(
                () -> deploy(paused, Duration.ZERO, Duration.ofMillis(300), 2));
        awaitFile(pause);
        try (Connection holder = remote.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE");
            Files.delete(pause);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (log.startingWith("WARN Migration").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            holder.commit();
        }
        assertTrue(deploy.get(1, TimeUnit.MINUTES).applied(), log.lines().toString());
        List<String> retries = log.startingWith("WARN Migration");
        assertEquals(List.of("WARN Migration " + migration.fileName() + " waited more than 300 ms (lockTimeout) for a"
                + " lock on remote 'test' at .postkit/db/migrations/" + migration.fileName() + ":2 and was rolled"
                + " back; retrying in 1000 ms (retry 1 of 2)."), retries);
        assertEquals(1, remote.queryInt("SELECT count(*) FROM pg_attribute WHERE attrelid = 'customers'::regclass"
                + " AND attname = 'extra'"));
    }

    @Test
    void aDeployThatCannotRecordItselfSaysTheRemoteWasChanged() throws Exception {
        TestProject project = TestProject.withRemote("record", 18, CUSTOMERS, CUSTOMERS);
        MigrationFile migration = new MigrationFile("20260101000000", "add_extra",
                "ALTER TABLE customers ADD COLUMN extra int;", "", true);
        new ProjectState(project.dir().resolve(".postkit")).commitMigrations(List.of(migration), Instant.now(),
                () -> { });
        Path committed = project.dir().resolve(".postkit/db/committed.json");
        String history = Files.readString(committed);
        Path pause = project.dir().resolve("paused");
        Workspace paused = TestProject.workspace(project.dir(), project.remote().url(), new RecordingLog(), false,
                false, Map.of("POSTKIT_PAUSE_AT", "deploy.applied", "POSTKIT_PAUSE_FILE", pause.toString()));
        CompletableFuture<DeployCommand.Result> deploy = CompletableFuture.supplyAsync(
                () -> deploy(paused, Duration.ZERO, Duration.ofSeconds(5), 0));
        awaitFile(pause);
        // the disk fails between changing the target and recording it: committed.json cannot be replaced
        Files.delete(committed);
        Files.createDirectories(committed.resolve("in-the-way"));
        Files.delete(pause);

        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> deploy.get(1, TimeUnit.MINUTES));
        String message = e.getCause().getMessage();
        assertTrue(message.startsWith("Remote 'test' was changed: " + migration.fileName() + " is applied there."
                + " Recording that in .postkit/db/committed.json failed: "), message);
        assertTrue(message.endsWith("\nNothing is lost: what is applied where is read from the remote's"
                + " schema_migrations, so the next deploy or status reads it from there (committed.json only keeps a"
                + " record of deploys for people)."), message);

        Files.delete(committed.resolve("in-the-way"));
        Files.delete(committed);
        Files.writeString(committed, history);
        DeployCommand.Result again = deploy(project.workspace(), Duration.ZERO, Duration.ofSeconds(5), 0);
        assertTrue(again.pending().isEmpty(), "the next deploy reads what is applied from the remote");
        assertEquals(migration.version(), project.remote().queryValue("SELECT string_agg(version, ',')"
                + " FROM schema_migrations"));
    }

    private static DeployCommand.Result deploy(Workspace workspace, Duration lockWait, Duration lockTimeout,
                                               int retries) {
        return new DeployCommand(workspace, Clock.systemUTC()).run(new DeployCommand.Options(null, false, true,
                lockWait, lockTimeout, retries));
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), "the deploy reached its pause point");
    }
}
