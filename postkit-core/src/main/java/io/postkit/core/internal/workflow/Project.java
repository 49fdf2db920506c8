package io.postkit.core.internal.workflow;

import io.postkit.core.api.LocalProvider;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.ProjectSettings;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.connect.RemoteConnector;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerUser;
import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.local.CreationMarker;
import io.postkit.core.internal.local.Leftovers;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.LocalServers;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.state.ProjectLock;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.scripts.ProjectScripts;
import io.postkit.core.internal.state.SessionState;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;

/** What the goals of one project work with: its settings, its state folder, its local servers, its remotes. */
public final class Project {

    private final Workspace workspace;
    private final ProjectState state;

    public Project(Workspace workspace) {
        this.workspace = workspace;
        this.state = new ProjectState(workspace.settings().stateDir());
    }

    public ProjectSettings settings() {
        return workspace.settings();
    }

    public Workspace workspace() {
        return workspace;
    }

    public io.postkit.core.api.Host host() {
        return workspace.host();
    }

    public PostkitLog log() {
        return workspace.log();
    }

    public ProjectState state() {
        return state;
    }

    /**
     * The project lock, held for the whole goal; then what a goal killed half-way left is settled
     * ({@link SessionRecovery#settleCommit}).
     */
    public ProjectLock lock() {
        ProjectLock lock = state.lock();
        try {
            new SessionRecovery(this).settleCommit();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** A point a fault-injection test may stop this goal at ({@link PausePoint}). */
    public void pausePoint(String name) {
        PausePoint.reach(host().machine(), name);
    }

    public ServerUser serverUser() {
        return ServerUser.of(workspace.host().machine());
    }

    public LocalServers localServers() {
        Path dir = localDir();
        if (settings().localProvider() == LocalProvider.EMBEDDED && settings().localDataDir() == null
                && !dir.equals(settings().localDir())) {
            log().info("The local PostgreSQL keeps its data in " + dir + ": " + serverUser().describe() + " cannot"
                    + " enter the project folder (set postkit.local.dataDir to choose another place).");
        }
        return new LocalServers(dir, workspace.host().binaries(), serverUser(), settings().keepRunning(), log(),
                settings().localProvider(), key());
    }

    /**
     * Where the local servers keep their data: {@code localDataDir} when set, else {@code .postkit/local}, unless
     * PostgreSQL runs as another OS user that cannot reach it (see {@link ServerUser#localDataRoot}).
     */
    public Path localDir() {
        if (settings().localDataDir() != null) {
            return settings().localDataDir();
        }
        return serverUser().localDataRoot(settings().localDir(), settings().baseDir());
    }

    /**
     * The local server of this major for this goal, cleared first of what goals that did not finish left on it
     * (said in one line). Closing it leaves the server; the last process to leave stops it unless kept running.
     */
    public RunningServer localServer(int major) {
        RunningServer server = localServers().start(major);
        try {
            new Leftovers(databases(server), sessionOwnership()).remove(log());
        } catch (SQLException | PostkitException e) {
            log().warn("Could not look for leftovers of unfinished goals on the local server: " + e.getMessage());
        }
        return server;
    }

    /** Which clones the session owns; when the session file cannot be read, every clone is kept. */
    Predicate<CreationMarker> sessionOwnership() {
        Optional<SessionState> session;
        try {
            session = state.session();
        } catch (PostkitException unreadable) {
            return marker -> true;
        }
        return marker -> session.map(s -> marker.token().equals(s.localToken())).orElse(false);
    }

    /** The databases this project's goals create on {@code server}, marked as this project's. */
    public LocalDatabases databases(RunningServer server) {
        return new LocalDatabases(server, key());
    }

    /**
     * Tells this project's databases from another's on a shared local server ({@code localDataDir}): a hash of the
     * project folder, so no path is written into the marker.
     */
    public String key() {
        String folder = settings().baseDir().toAbsolutePath().normalize().toString();
        return SchemaFingerprint.sha256(folder.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    public Connection openRemote(RemoteConfig remote) {
        return new RemoteConnector(workspace.host()).open(remote);
    }

    /** The infra/, grants/ and seeds/ files of the schema directory (none when there is no schema directory). */
    public ProjectScripts scripts() {
        return new ProjectScripts(SchemaDirectory.readIfPresent(settings().baseDir(), settings().schemaDir()),
                settings().schemas(), log());
    }

    public MigrationTable migrationTable() {
        return new MigrationTable(MigrationTable.DEFAULT_NAME);
    }
}
