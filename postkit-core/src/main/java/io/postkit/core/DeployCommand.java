package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.RemoteClone;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.RemoteWriteConsent;
import io.postkit.core.internal.workflow.ServerVersion;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.deploy.DeployLock;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.migration.MigrationRunner;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.scripts.ProjectScripts;
import io.postkit.core.internal.scripts.ScriptTarget;
import io.postkit.core.internal.sql.ScriptStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code postkit:deploy}: under an advisory lock on the target, finds the committed migrations it has not applied,
 * dry-runs them on a fresh clone of the target, and only then applies them to the target, each in its own
 * transaction together with its {@code schema_migrations} row.
 */
public final class DeployCommand {

    /**
     * @param remote      the target, or null for the default remote
     * @param dryRun      stop after the dry run
     * @param yes         confirmed in advance (batch mode)
     * @param lockWait    how long to wait for another deploy to finish before giving up
     * @param lockTimeout how long one statement may wait for a table lock on the target before it is retried
     * @param retries     how many times a migration that hit {@code lockTimeout} is retried, with backoff
     */
    public record Options(String remote, boolean dryRun, boolean yes, Duration lockWait, Duration lockTimeout,
                          int retries) {
    }

    /** What the deploy did: the pending migrations, and whether they were applied to the target. */
    public record Result(String remote, List<MigrationFile> pending, boolean applied) {
    }

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Project project;
    private final Clock clock;

    public DeployCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    public Result run(Options options) {
        RemoteConfig remote = project.settings().remote(options.remote());
        RemoteWriteConsent consent = RemoteWriteConsent.check(project, remote, options.yes() || options.dryRun(),
                "Deploying to");
        ProjectState state = project.state();
        try (var lock = project.lock()) {
            List<MigrationFile> committed = state.committedMigrations();
            try (Connection target = project.openRemote(remote);
                 DeployLock deployLock = DeployLock.acquire(target, remote.name(), options.lockWait(),
                         project.log())) {
                List<MigrationFile> pending = pending(remote, target, committed);
                if (pending.isEmpty()) {
                    project.log().info("Remote '" + remote.name() + "' is up to date (" + committed.size()
                            + " committed migration(s) applied).");
                    return new Result(remote.name(), pending, false);
                }
                ProjectScripts scripts = project.scripts();
                DryRunCost dryRun = dryRun(remote, target, pending, scripts);
                project.pausePoint("deploy.dry-run-passed");
                if (options.dryRun()) {
                    project.log().info("Dry run succeeded; " + pending.size() + " migration(s) would be applied."
                            + " Remote '" + remote.name() + "' was not changed (-Dpostkit.dryRun).");
                    return new Result(remote.name(), pending, false);
                }
                consent.confirm("Apply " + pending.size() + " migration(s) to remote '" + remote.name() + "'?");
                List<MigrationFile> applied = new ArrayList<>();
                try {
                    apply(remote, target, pending, scripts, options, applied, dryRun);
                } catch (SQLException | RuntimeException e) {
                    recordAfterFailure(remote, applied, e);
                    throw e;
                }
                project.pausePoint("deploy.applied");
                record(remote, applied);
                return new Result(remote.name(), pending, true);
            } catch (SQLException e) {
                throw new PostkitException("Deploy to remote '" + remote.name() + "' failed: " + e.getMessage(), e);
            }
        }
    }

    private List<MigrationFile> pending(RemoteConfig remote, Connection target, List<MigrationFile> committed)
            throws SQLException {
        Map<String, String> applied = project.migrationTable().applied(target);
        for (MigrationFile migration : committed) {
            String checksum = applied.get(migration.version());
            if (checksum != null && !checksum.equals(migration.checksum())) {
                throw new PostkitException("Migration " + migration.fileName() + " was changed after it was deployed"
                        + " to remote '" + remote.name() + "' (checksum " + checksum + " there, "
                        + migration.checksum() + " here). Restore the file from version control; put new changes"
                        + " in a new migration.");
            }
        }
        List<MigrationFile> pending = committed.stream().filter(m -> !applied.containsKey(m.version())).toList();
        pending.forEach(m -> project.log().info("Pending on remote '" + remote.name() + "': " + m.fileName()));
        return pending;
    }

    /** What the dry run cost, reported beside the deploy: the clone, and the migrations on it. */
    private record DryRunCost(double cloneSeconds, double migrationSeconds) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "clone %.1f s, migrations %.1f s", cloneSeconds, migrationSeconds);
        }
    }

    private DryRunCost dryRun(RemoteConfig remote, Connection target, List<MigrationFile> pending,
                              ProjectScripts scripts) throws SQLException {
        long started = System.nanoTime();
        int major = ServerVersion.of(target).major();
        project.log().info("Dry run: cloning remote '" + remote.name() + "' into a local PostgreSQL " + major + " ("
                + project.settings().cloneOptions().describe() + ")");
        try (RunningServer server = project.localServer(major);
             RemoteClone clone = RemoteClone.of(project, server, Purpose.DRYRUN)) {
            clone.copy(remote);
            long cloned = System.nanoTime();
            try (Connection c = clone.database().connect()) {
                MigrationTable table = project.migrationTable();
                table.ensureExists(c);
                MigrationRunner runner = new MigrationRunner(table, project.log())
                        .warningOfDataLoss("on the dry-run clone of remote '" + remote.name() + "'");
                scripts.before(c, ScriptTarget.DRY_RUN);
                for (MigrationFile migration : pending) {
                    project.log().info("Dry run: " + migration.fileName());
                    runner.run(c, migration, statements(migration), null,
                            afterLast(pending, migration, scripts, ScriptTarget.DRY_RUN));
                }
                List<String> missing = missingRoles(c, target, scripts);
                if (!missing.isEmpty()) {
                    throw new PostkitException("The dry run on a clone of remote '" + remote.name() + "' shows"
                            + " that the migrations name roles remote '" + remote.name() + "' does not have: "
                            + String.join(", ", missing) + ". Create them there first (infra/), then deploy."
                            + " Remote '" + remote.name() + "' was not changed.");
                }
            }
            DryRunCost cost = new DryRunCost((cloned - started) / 1e9, (System.nanoTime() - cloned) / 1e9);
            project.log().info("Dry run succeeded on a clone of remote '" + remote.name() + "': " + cost);
            return cost;
        } catch (SqlStatementException e) {
            throw new PostkitException("The dry run on a clone of remote '" + remote.name() + "' failed:\n"
                    + e.getMessage() + "\nRemote '" + remote.name() + "' was not changed.", e);
        }
    }

    /**
     * What is applied where is always read from the target's migration table; {@code committed.json}'s deployments
     * are a record for people. Failing to write it after the target changed must say that the target did change.
     */
    private void record(RemoteConfig remote, List<MigrationFile> applied) {
        try {
            project.state().markDeployed(applied, remote.name(), clock.instant());
        } catch (RuntimeException e) {
            throw new PostkitException("Remote '" + remote.name() + "' was changed: " + names(applied) + " "
                    + (applied.size() == 1 ? "is" : "are") + " applied there. Recording that in"
                    + " .postkit/db/committed.json failed: " + e.getMessage() + "\nNothing is lost: what is applied"
                    + " where is read from the remote's schema_migrations, so the next deploy or status reads it from"
                    + " there (committed.json only keeps a record of deploys for people).", e);
        }
    }

    private void recordAfterFailure(RemoteConfig remote, List<MigrationFile> applied, Exception failure) {
        if (applied.isEmpty()) {
            return;
        }
        try {
            project.state().markDeployed(applied, remote.name(), clock.instant());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            project.log().warn("Could not record in .postkit/db/committed.json that " + names(applied) + " reached"
                    + " remote '" + remote.name() + "': " + e.getMessage());
        }
    }

    private static String names(List<MigrationFile> migrations) {
        return String.join(", ", migrations.stream().map(MigrationFile::fileName).toList());
    }

    /** Roles the migrated clone names that the target lacks and its infra/ would not create there either. */
    private static List<String> missingRoles(Connection clone, Connection target, ProjectScripts scripts)
            throws SQLException {
        List<String> missing = StubRoles.missingOn(clone, target);
        if (missing.isEmpty() || scripts.infra().isEmpty()) {
            return missing;
        }
        Set<String> created = scripts.infra().rolesCreatedOn(target);
        return missing.stream().filter(role -> !created.contains(role)).toList();
    }

    private static List<ScriptStatement> statements(MigrationFile migration) {
        return migration.upStatements(ProjectState.committedMigrationPath(migration));
    }

    /** Grants and seeds go into the last migration's transaction. */
    private static MigrationRunner.InTransaction afterLast(List<MigrationFile> pending, MigrationFile migration,
                                                           ProjectScripts scripts, ScriptTarget where) {
        return migration == pending.get(pending.size() - 1) ? scripts.after(where) : null;
    }

    private void apply(RemoteConfig remote, Connection target, List<MigrationFile> pending, ProjectScripts scripts,
                       Options options, List<MigrationFile> applied, DryRunCost dryRun) throws SQLException {
        long started = System.nanoTime();
        MigrationTable table = project.migrationTable();
        table.ensureExists(target);
        MigrationRunner runner = new MigrationRunner(table, project.log());
        try {
            scripts.before(target, ScriptTarget.REMOTE);
        } catch (SqlStatementException e) {
            throw new PostkitException("Running infra/ on remote '" + remote.name() + "' failed and was rolled back;"
                    + " no migration was applied:\n" + e.getMessage(), e);
        }
        int done = 0;
        for (MigrationFile migration : pending) {
            project.log().info("Applying " + migration.fileName() + " to remote '" + remote.name() + "'");
            try {
                applyWithRetry(runner, target, remote, migration,
                        afterLast(pending, migration, scripts, ScriptTarget.REMOTE), options);
            } catch (SqlStatementException e) {
                throw new PostkitException("Migration " + migration.fileName() + " failed on remote '" + remote.name()
                        + "' and was rolled back:\n" + e.getMessage() + "\n" + done + " earlier migration(s) of this"
                        + " deploy stay applied. Fix the cause and run mvn postkit:deploy again.", e);
            }
            done++;
            applied.add(migration);
            project.pausePoint("deploy.between");
        }
        project.log().info(String.format(Locale.ROOT, "Applied %d migration(s) to remote '%s' in %.1f s (dry run before"
                + " it: %s).", done, remote.name(), (System.nanoTime() - started) / 1e9, dryRun));
    }

    private void applyWithRetry(MigrationRunner runner, Connection target, RemoteConfig remote,
                                MigrationFile migration, MigrationRunner.InTransaction after, Options options)
            throws SQLException {
        long backoffMillis = 1000;
        for (int attempt = 0; ; attempt++) {
            try {
                runner.run(target, migration, statements(migration), options.lockTimeout(), after);
                return;
            } catch (SqlStatementException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.sqlState()) || attempt >= options.retries()) {
                    throw e;
                }
                project.log().warn("Migration " + migration.fileName() + " waited more than "
                        + options.lockTimeout().toMillis() + " ms (lockTimeout) for a lock on remote '"
                        + remote.name() + "' at " + e.location() + " and was rolled back; retrying in "
                        + backoffMillis + " ms (retry " + (attempt + 1) + " of " + options.retries() + ").");
                sleep(backoffMillis);
                backoffMillis *= 2;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostkitException("Interrupted while waiting to retry.", e);
        }
    }
}
