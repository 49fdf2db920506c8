package io.postkit.core.workflow;

import io.postkit.core.PostkitException;
import io.postkit.core.embedded.RunningServer;
import io.postkit.core.local.DatabaseIdentity;
import io.postkit.core.local.LocalDatabases;
import io.postkit.core.state.SessionState;

import java.sql.SQLException;

/** {@code postkit:abort}: drops the session's local clone and its migrations and ends the session. */
public final class AbortCommand {

    private final Workspace workspace;

    public AbortCommand(Workspace workspace) {
        this.workspace = workspace;
    }

    public void run() {
        ProjectState state = workspace.state();
        try (var lock = state.lock()) {
            SessionState session = state.requireSession("abort");
            int discarded = state.sessionMigrations().size();
            try (RunningServer server = workspace.localServers().start(session.remoteMajor())) {
                new LocalDatabases(server).drop(new DatabaseIdentity(session.localSystemIdentifier(),
                        session.localDatabase()));
            } catch (SQLException e) {
                throw new PostkitException("Could not drop the session's local clone '" + session.localDatabase()
                        + "': " + e.getMessage() + ". The session was kept; try again.", e);
            }
            state.endSession();
            workspace.log().info("Session aborted: the local clone and " + discarded + " session migration(s) were"
                    + " removed.");
        }
    }
}
