package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.LocalDatabase;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;

import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code postkit:abort}: drops the session's local clone and its migrations and ends the session. The clone is
 * found by the token of its creation marker, never by the name alone: a database the session file merely names
 * (edited by hand, or of another session) is left alone and reported.
 */
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
            String clone;
            try (RunningServer server = project.localServer(session.remoteMajor())) {
                clone = dropClone(project.databases(server), session);
            } catch (SQLException e) {
                throw new PostkitException("Could not drop the session's local clone '" + session.localDatabase()
                        + "': " + e.getMessage() + ". The session was kept; try again.", e);
            }
            state.endSession();
            project.log().info("Session aborted: " + clone + "; " + discarded + " session migration(s) were"
                    + " removed.");
        }
    }

    /** @return what happened to the clone, for the one line abort prints */
    private static String dropClone(LocalDatabases databases, SessionState session) throws SQLException {
        Optional<LocalDatabase> clone = session.localToken() == null ? Optional.empty()
                : databases.withToken(session.localToken())
                .filter(db -> db.identity().systemIdentifier().equals(session.localSystemIdentifier()));
        String result = "the local clone was already gone";
        if (clone.isPresent()) {
            databases.drop(clone.get());
            result = "the local clone '" + clone.get().name() + "' was dropped";
        }
        boolean named = clone.map(db -> db.name().equals(session.localDatabase())).orElse(false);
        if (!named && databases.exists(session.localDatabase())) {
            result += "; database '" + session.localDatabase() + "', which .postkit/db/session.json names, was NOT"
                    + " dropped: it is not the session's clone (" + (databases.markerOf(session.localDatabase())
                    .isPresent() ? "its postkit marker belongs to another session" : "it carries no postkit marker")
                    + ")";
        }
        return result;
    }
}
