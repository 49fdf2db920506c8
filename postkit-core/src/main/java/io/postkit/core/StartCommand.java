package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.scripts.ScriptTarget;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.RemoteClone;
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
import java.util.Locale;

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
        long started = System.nanoTime();
        RemoteConfig remote = project.settings().remote(remoteName);
        ProjectState state = project.state();
        try (var lock = project.lock()) {
            state.session().ifPresent(session -> {
                throw new PostkitException("A session is already active (remote '" + session.remote() + "', started "
                        + session.startedAt() + "). Continue it with mvn postkit:plan / postkit:apply /"
                        + " postkit:commit, or discard it with mvn postkit:abort.");
            });
            if (state.hasSessionFiles()) {
                throw new PostkitException(".postkit/db/session/ holds files of an earlier session, but there is no"
                        + " session. Move away what you want to keep, then run mvn postkit:abort to remove them.");
            }
            try (Connection source = project.openRemote(remote)) {
                ServerVersion version = ServerVersion.of(source);
                project.log().info("Remote '" + remote.name() + "' runs PostgreSQL " + version.display()
                        + "; cloning it into a local PostgreSQL " + version.major() + " ("
                        + project.settings().cloneOptions().describe() + ")");
                warnUnsupported(remote, new CatalogReader().unsupportedObjects(source, project.settings().schemas()));
                return cloneInto(remote, version.major(), project.scripts(), started);
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
    private Result cloneInto(RemoteConfig remote, int major, ProjectScripts scripts, long started)
            throws SQLException {
        try (RunningServer server = project.localServer(major);
             RemoteClone made = RemoteClone.of(project, server, Purpose.CLONE)) {
            NativeCloner.Result clone;
            try {
                clone = made.copy(remote);
                try (Connection local = made.database().connect()) {
                    project.migrationTable().ensureExists(local);
                    scripts.before(local, ScriptTarget.CLONE);
                }
            } catch (SqlStatementException e) {
                throw new PostkitException("Running infra/ on the clone of remote '" + remote.name() + "' failed:\n"
                        + e.getMessage() + "\nThe local copy was removed and no session was started.", e);
            } catch (SQLException | RuntimeException e) {
                throw failed(remote, e);
            }
            ThrowawayDatabase database = made.database();
            LocalDatabase kept = database.database();
            project.state().saveSession(SessionState.started(remote.name(), major, kept.name(),
                    kept.identity().systemIdentifier(), kept.token(), clock.instant()));
            database.keep();
            String copied = project.settings().cloneOptions().schemaOnly()
                    ? clone.tables() + " tables, schema only" : clone.data().summary();
            project.log().info(String.format(Locale.ROOT, "Cloned remote '%s' in %.1f s: %s. Session started; edit %s/"
                    + " and run mvn postkit:plan.", remote.name(), (System.nanoTime() - started) / 1e9, copied,
                    project.settings().displayPath(project.settings().schemaDir())));
            return new Result(remote.name(), major, kept.name(), clone);
        }
    }

    private static PostkitException failed(RemoteConfig remote, Exception e) {
        String why = String.valueOf(e.getMessage()).strip();
        return new PostkitException("Cloning remote '" + remote.name() + "' failed: "
                + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why)
                + ". The partial local copy was removed and no session was started.", e);
    }
}
