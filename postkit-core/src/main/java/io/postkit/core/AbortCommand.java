package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.CreationMarker;
import io.postkit.core.internal.local.DatabaseIdentity;
import io.postkit.core.internal.local.ListedDatabase;
import io.postkit.core.internal.local.LocalDatabase;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code postkit:abort}: drops the session's local clone and its migrations and ends the session. The clone is
 * found by the token of its creation marker, never by the name alone: a database the session file merely names
 * (edited by hand, or of another session) is left alone and reported. Works from a session file that cannot be
 * read, too: then this project's clones (by marker) are the session's.
 */
public final class AbortCommand {

    private final Project project;

    public AbortCommand(Workspace workspace) {
        this.project = new Project(workspace);
    }

    public void run() {
        ProjectState state = project.state();
        try (var lock = project.lock()) {
            Optional<SessionState> session;
            try {
                session = state.session();
            } catch (PostkitException unreadable) {
                abortUnreadable();
                return;
            }
            if (session.isEmpty()) {
                abortWithoutSession();
                return;
            }
            int discarded = state.sessionMigrations().size();
            String clone;
            try (RunningServer server = project.localServer(session.get().remoteMajor())) {
                clone = dropClone(project.databases(server), session.get());
            } catch (SQLException e) {
                throw new PostkitException("Could not drop the session's local clone '" + session.get()
                        .localDatabase() + "': " + e.getMessage() + ". The session was kept; try again.", e);
            }
            state.endSession();
            project.log().info("Session aborted: " + clone + "; " + discarded + " session migration(s) were"
                    + " removed.");
        }
    }

    /** No session file, but files of a session in its folder (a commit or abort killed half-way): removed. */
    private void abortWithoutSession() {
        if (!project.state().hasSessionFiles()) {
            project.state().requireSession("abort");
        }
        project.state().endSession();
        project.log().info("There was no session, but .postkit/db/session/ held files of one: removed.");
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

    /**
     * The session file cannot be read, so the clone is known only by its marker: a clone of this project belongs to
     * no other session (a project has one), so it is this one's, or a leftover.
     */
    private void abortUnreadable() {
        List<String> dropped = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (int major : project.localServers().majors()) {
            try (RunningServer server = project.localServers().start(major)) {
                dropped.addAll(dropClones(project.databases(server)));
            } catch (SQLException | PostkitException e) {
                unreachable.add("pg" + major + " (" + e.getMessage() + ")");
            }
        }
        project.state().endSession();
        project.log().info("Session aborted although " + project.settings().displayPath(project.state()
                .sessionFile()) + " could not be read: " + (dropped.isEmpty() ? "no clone of this project was found"
                : "dropped " + String.join(", ", dropped) + ", this project's clone(s) by their postkit marker")
                + (unreachable.isEmpty() ? "" : "; could not look on local server(s) " + String.join(", ",
                unreachable) + ": a clone left there is removed by the next goal that starts it")
                + "; removed the session's migrations.");
    }

    private List<String> dropClones(LocalDatabases databases) throws SQLException {
        List<String> dropped = new ArrayList<>();
        String cluster = databases.systemIdentifier();
        for (ListedDatabase listed : databases.list()) {
            CreationMarker marker = listed.marker();
            // no goal of this project is making one now: abort holds the project lock
            if (marker != null && marker.purpose() == Purpose.CLONE && marker.project().equals(project.key())) {
                databases.drop(new LocalDatabase(new DatabaseIdentity(cluster, listed.name()), marker));
                dropped.add("'" + listed.name() + "'");
            }
        }
        return dropped;
    }
}
