package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.DatabaseIdentity;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.state.SessionState;

import java.sql.SQLException;

/** {@code postkit:abort}: drops the session's local clone and its migrations and ends the session. */
public final class AbortCommand {

    private final Project project;

    public AbortCommand(Workspace workspace) {
        this.project = new Project(workspace);
    }

    public void run() {
        ProjectState state = project.state();
        try (var lock = state.lock()) {
            SessionState session = state.requireSession("abort");
            int discarded = state.sessionMigrations().size();
            try (RunningServer server = project.localServers().start(session.remoteMajor())) {
                new LocalDatabases(server).drop(new DatabaseIdentity(session.localSystemIdentifier(),
                        session.localDatabase()));
            } catch (SQLException e) {
                throw new PostkitException("Could not drop the session's local clone '" + session.localDatabase()
                        + "': " + e.getMessage() + ". The session was kept; try again.", e);
            }
            state.endSession();
            project.log().info("Session aborted: the local clone and " + discarded + " session migration(s) were"
                    + " removed.");
        }
    }
}
