package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.ServerVersion;
import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.clone.NativeCloner;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.LocalDatabase;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.ThrowawayDatabase;
import io.postkit.core.internal.scripts.ProjectScripts;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.api.SqlStatementException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * {@code postkit:start}: clones a remote (schema and data) into a local server of the same major and opens a
 * session. A failed clone leaves nothing behind: no local database, no session.
 */
public final class StartCommand {

    /** What was cloned. */
    public record Result(String remote, int major, String localDatabase, NativeCloner.Result copied) {
    }

    private final Project project;
    private final Clock clock;

    public StartCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    public Result run(String remoteName) {
        RemoteConfig remote = project.settings().remote(remoteName);
        ProjectState state = project.state();
        try (var lock = state.lock()) {
            state.session().ifPresent(session -> {
                throw new PostkitException("A session is already active (remote '" + session.remote() + "', started "
                        + session.startedAt() + "). Continue it with mvn postkit:plan / postkit:apply /"
                        + " postkit:commit, or discard it with mvn postkit:abort.");
            });
            try (Connection source = project.openRemote(remote)) {
                ServerVersion version = ServerVersion.of(source);
                project.log().info("Remote '" + remote.name() + "' runs PostgreSQL " + version.display()
                        + "; cloning it into a local PostgreSQL " + version.major());
                warnUnsupported(remote, new CatalogReader().unsupportedObjects(source, project.settings().schemas()));
                return cloneInto(remote, version.major(), project.scripts());
            } catch (SQLException e) {
                throw new PostkitException("Reading remote '" + remote.name() + "' failed: " + e.getMessage(), e);
            }
        }
    }

    private void warnUnsupported(RemoteConfig remote, List<String> objects) {
        if (!objects.isEmpty()) {
            project.log().warn("Remote '" + remote.name() + "' has " + objects.size() + " object(s) this version of"
                    + " postkit does not manage yet; they are not cloned:\n  " + String.join("\n  ", objects));
        }
    }

    /** The clone is dropped again unless it is complete and recorded in the session. */
    private Result cloneInto(RemoteConfig remote, int major, ProjectScripts scripts) throws SQLException {
        try (RunningServer server = project.localServer(major);
             ThrowawayDatabase database = project.databases(server).create(Purpose.CLONE)) {
            NativeCloner.Result clone;
            try {
                clone = new NativeCloner(project.settings().cloneWorkers(), project.log())
                        .clone(() -> project.openRemote(remote), database::connect, project.settings().schemas());
                try (Connection local = database.connect()) {
                    project.migrationTable().ensureExists(local);
                    scripts.before(local);
                }
            } catch (SqlStatementException e) {
                throw new PostkitException("Running infra/ on the clone of remote '" + remote.name() + "' failed:\n"
                        + e.getMessage() + "\nThe local copy was removed and no session was started.", e);
            } catch (SQLException | RuntimeException e) {
                throw failed(remote, e);
            }
            LocalDatabase kept = database.database();
            project.state().saveSession(SessionState.started(remote.name(), major, kept.name(),
                    kept.identity().systemIdentifier(), kept.token(), clock.instant()));
            database.keep();
            project.log().info("Cloned remote '" + remote.name() + "': " + clone.data().summary()
                    + ". Session started; edit " + project.settings().displayPath(project.settings().schemaDir())
                    + "/ and run mvn postkit:plan.");
            return new Result(remote.name(), major, kept.name(), clone);
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
