package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.ServerVersion;
import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.clone.NativeCloner;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.deploy.DeployLock;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.DatabaseIdentity;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.internal.migration.MigrationFailedException;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.migration.MigrationRunner;
import io.postkit.core.internal.migration.MigrationTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
        boolean needsConfirmation = remote.confirm() && !options.yes() && !options.dryRun();
        if (needsConfirmation && !project.host().confirmation().interactive()) {
            throw new PostkitException("Deploying to remote '" + remote.name() + "' needs confirmation, and this build"
                    + " cannot ask (batch mode). Run with -Dpostkit.yes, or set <confirm>false</confirm> on the"
                    + " remote.");
        }
        ProjectState state = project.state();
        try (var lock = state.lock()) {
            List<MigrationFile> committed = state.committedMigrations();
            try (Connection target = project.openRemote(remote);
                 DeployLock deployLock = DeployLock.acquire(target, remote.name(), options.lockWait())) {
                List<MigrationFile> pending = pending(remote, target, committed);
                if (pending.isEmpty()) {
                    project.log().info("Remote '" + remote.name() + "' is up to date (" + committed.size()
                            + " committed migration(s) applied).");
                    return new Result(remote.name(), pending, false);
                }
                DryRunCost dryRun = dryRun(remote, target, pending);
                if (options.dryRun()) {
                    project.log().info("Dry run succeeded; " + pending.size() + " migration(s) would be applied."
                            + " Remote '" + remote.name() + "' was not changed (-Dpostkit.dryRun).");
                    return new Result(remote.name(), pending, false);
                }
                if (needsConfirmation && !project.host().confirmation().confirm("Apply " + pending.size()
                        + " migration(s) to remote '" + remote.name() + "'?")) {
                    throw new PostkitException("Deploy to remote '" + remote.name() + "' cancelled; nothing was"
                            + " changed.");
                }
                apply(remote, target, pending, options, dryRun);
                state.markDeployed(pending, remote.name(), clock.instant());
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

    private DryRunCost dryRun(RemoteConfig remote, Connection target, List<MigrationFile> pending)
            throws SQLException {
        long started = System.nanoTime();
        int major = ServerVersion.of(target).major();
        project.log().info("Dry run: cloning remote '" + remote.name() + "' into a local PostgreSQL " + major + " ("
                + project.settings().cloneOptions().describe() + ")");
        try (RunningServer server = project.localServers().start(major)) {
            LocalDatabases databases = new LocalDatabases(server);
            String name = "postkit_dryrun_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            DatabaseIdentity identity = databases.create(name);
            try {
                new NativeCloner(project.settings().cloneWorkers(), project.log())
                        .clone(() -> project.openRemote(remote), () -> server.connect(name),
                                project.settings().schemas(), project.settings().cloneOptions());
                long cloned = System.nanoTime();
                try (Connection clone = server.connect(name)) {
                    MigrationTable table = project.migrationTable();
                    table.ensureExists(clone);
                    MigrationRunner runner = new MigrationRunner(table, project.log());
                    for (MigrationFile migration : pending) {
                        project.log().info("Dry run: " + migration.fileName());
                        runner.run(clone, migration, null);
                    }
                    List<String> missing = StubRoles.missingOn(clone, target);
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
            } catch (MigrationFailedException e) {
                throw new PostkitException("The dry run on a clone of remote '" + remote.name() + "' failed:\n"
                        + e.getMessage() + "\nRemote '" + remote.name() + "' was not changed.", e);
            } finally {
                databases.drop(identity);
            }
        }
    }

    private void apply(RemoteConfig remote, Connection target, List<MigrationFile> pending, Options options,
                       DryRunCost dryRun) throws SQLException {
        long started = System.nanoTime();
        MigrationTable table = project.migrationTable();
        table.ensureExists(target);
        MigrationRunner runner = new MigrationRunner(table, project.log());
        int done = 0;
        for (MigrationFile migration : pending) {
            project.log().info("Applying " + migration.fileName() + " to remote '" + remote.name() + "'");
            try {
                applyWithRetry(runner, target, migration, options);
            } catch (MigrationFailedException e) {
                throw new PostkitException("Migration " + migration.fileName() + " failed on remote '" + remote.name()
                        + "' and was rolled back:\n" + e.getMessage() + "\n" + done + " earlier migration(s) of this"
                        + " deploy stay applied. Fix the cause and run mvn postkit:deploy again.", e);
            }
            done++;
        }
        project.log().info(String.format(Locale.ROOT, "Applied %d migration(s) to remote '%s' in %.1f s (dry run before"
                + " it: %s).", done, remote.name(), (System.nanoTime() - started) / 1e9, dryRun));
    }

    private void applyWithRetry(MigrationRunner runner, Connection target, MigrationFile migration, Options options)
            throws SQLException {
        long backoffMillis = 1000;
        for (int attempt = 0; ; attempt++) {
            try {
                runner.run(target, migration, options.lockTimeout());
                return;
            } catch (MigrationFailedException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.sqlState()) || attempt >= options.retries()) {
                    throw e;
                }
                project.log().warn("Lock not available for " + migration.fileName() + "; retrying in "
                        + backoffMillis + " ms (" + (attempt + 1) + "/" + options.retries() + ")");
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
