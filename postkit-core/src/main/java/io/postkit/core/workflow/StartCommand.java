package io.postkit.core.workflow;

import io.postkit.core.PostkitException;
import io.postkit.core.catalog.CatalogReader;
import io.postkit.core.clone.NativeCloner;
import io.postkit.core.config.RemoteConfig;
import io.postkit.core.embedded.RunningServer;
import io.postkit.core.local.DatabaseIdentity;
import io.postkit.core.local.LocalDatabases;
import io.postkit.core.state.SessionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code postkit:start}: clones a remote (schema and data) into a local server of the same major and opens a
 * session. A failed clone leaves nothing behind: no local database, no session.
 */
public final class StartCommand {

    /** What was cloned. */
    public record Result(String remote, int major, String localDatabase, NativeCloner.Result copied) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Workspace workspace;
    private final Clock clock;

    public StartCommand(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    public Result run(String remoteName) {
        RemoteConfig remote = workspace.settings().remote(remoteName);
        ProjectState state = workspace.state();
        try (var lock = state.lock()) {
            state.session().ifPresent(session -> {
                throw new PostkitException("A session is already active (remote '" + session.remote() + "', started "
                        + session.startedAt() + "). Continue it with mvn postkit:plan / postkit:apply /"
                        + " postkit:commit, or discard it with mvn postkit:abort.");
            });
            try (Connection source = workspace.openRemote(remote)) {
                ServerVersion version = ServerVersion.of(source);
                workspace.log().info("Remote '" + remote.name() + "' runs PostgreSQL " + version.display()
                        + "; cloning it into a local PostgreSQL " + version.major());
                warnUnsupported(remote, new CatalogReader().unsupportedObjects(source, workspace.settings().schemas()));
                return cloneInto(remote, version.major());
            } catch (SQLException e) {
                throw new PostkitException("Reading remote '" + remote.name() + "' failed: " + e.getMessage(), e);
            }
        }
    }

    private void warnUnsupported(RemoteConfig remote, List<String> objects) {
        if (!objects.isEmpty()) {
            workspace.log().warn("Remote '" + remote.name() + "' has " + objects.size() + " object(s) this version of"
                    + " postkit does not manage yet; they are not cloned:\n  " + String.join("\n  ", objects));
        }
    }

    private Result cloneInto(RemoteConfig remote, int major) throws SQLException {
        try (RunningServer server = workspace.localServers().start(major)) {
            LocalDatabases databases = new LocalDatabases(server);
            String database = "postkit_" + STAMP.format(clock.instant());
            DatabaseIdentity identity = databases.create(database);
            NativeCloner.Result clone;
            try {
                clone = new NativeCloner(workspace.settings().cloneWorkers(), workspace.log())
                        .clone(() -> workspace.openRemote(remote), () -> server.connect(database),
                                workspace.settings().schemas());
                try (Connection local = server.connect(database)) {
                    workspace.migrationTable().ensureExists(local);
                }
            } catch (SQLException | RuntimeException e) {
                databases.drop(identity);
                throw failed(remote, e);
            }
            workspace.state().saveSession(SessionState.started(remote.name(), major, identity.database(),
                    identity.systemIdentifier(), clock.instant()));
            workspace.log().info("Cloned remote '" + remote.name() + "': " + clone.data().summary()
                    + ". Session started; edit " + workspace.settings().displayPath(workspace.settings().schemaDir())
                    + "/ and run mvn postkit:plan.");
            return new Result(remote.name(), major, database, clone);
        }
    }

    private static PostkitException failed(RemoteConfig remote, Exception e) {
        if (e instanceof PostkitException pe) {
            return pe;
        }
        return new PostkitException("Cloning remote '" + remote.name() + "' failed: " + e.getMessage()
                + ". The partial local copy was removed and no session was started.", e);
    }
}
