package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.state.CommittedHistory;
import io.postkit.core.internal.state.SessionState;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settles, at the start of a goal, what a goal killed half-way (kill -9, power loss) left in the project's state.
 * Each goal that writes has one commit point, and recovery moves the state to one side of it, saying so in one line:
 * <ul>
 * <li>apply: a migration counts once the clone's {@code schema_migrations} holds its version (it commits with its
 * row); its file is written as {@code <name>.sql.applying} first and renamed after. A leftover {@code .applying} file
 * is kept if the clone holds its version, else removed; the session's migrations are exactly those the clone
 * holds.</li>
 * <li>commit: {@code committed.json}. Files copied to {@code migrations/} before it was written are removed again;
 * once it lists the session's migrations, the rest of the commit (dropping the clone, ending the session) is
 * finished.</li>
 * </ul>
 */
public final class SessionRecovery {

    private final Project project;

    public SessionRecovery(Project project) {
        this.project = project;
    }

    /** Undoes or finishes a commit that did not complete. Needs no server unless a clone is to be dropped. */
    public void settleCommit() {
        ProjectState state = project.state();
        Map<String, String> recorded = new TreeMap<>();
        try {
            for (CommittedHistory.Entry entry : state.history().migrations()) {
                recorded.put(entry.version(), entry.checksum());
            }
        } catch (PostkitException unreadable) {
            return; // the goal reports committed.json itself
        }
        Optional<SessionState> session = state.readableSession();
        List<MigrationFile> files;
        try {
            files = state.sessionMigrations();
        } catch (PostkitException unreadable) {
            return;
        }
        Set<String> versions = new TreeSet<>();
        files.forEach(m -> versions.add(m.version()));
        session.ifPresent(s -> versions.addAll(s.migrations()));
        boolean committed = !versions.isEmpty() && recorded.keySet().containsAll(versions)
                && files.stream().allMatch(m -> m.checksum().equals(recorded.get(m.version())));
        if (committed) {
            finishCommit(session, versions);
        } else {
            undoCommit(files);
        }
    }

    private void finishCommit(Optional<SessionState> session, Set<String> versions) {
        String clone = session.map(this::dropClone).orElse("");
        project.state().endSession();
        project.log().info("A commit did not complete after recording " + String.join(", ", versions)
                + " in .postkit/db/committed.json: finished it (" + clone + "the session ended).");
    }

    private String dropClone(SessionState session) {
        try (RunningServer server = project.localServer(session.remoteMajor())) {
            LocalClone clone = LocalClone.of(project, server, session);
            clone.databases().drop(clone.database());
            return "its clone '" + session.localDatabase() + "' was dropped, ";
        } catch (SQLException | PostkitException e) {
            return "its clone was not dropped: " + e.getMessage() + "; ";
        }
    }

    private void undoCommit(List<MigrationFile> sessionFiles) {
        ProjectState state = project.state();
        Map<String, MigrationFile> byName = new TreeMap<>();
        sessionFiles.forEach(m -> byName.put(m.fileName(), m));
        List<MigrationFile> unrecorded;
        try {
            unrecorded = state.unrecordedCommittedFiles();
        } catch (PostkitException unreadable) {
            return; // a file postkit cannot read was not written by a commit: the goal reports it if it reads it
        }
        List<String> removed = new ArrayList<>();
        for (MigrationFile copied : unrecorded) {
            MigrationFile original = byName.get(copied.fileName());
            if (original != null && original.content().equals(copied.content())) {
                state.removeUnrecordedCommittedFile(copied);
                removed.add(copied.fileName());
            }
        }
        if (!removed.isEmpty()) {
            project.log().info("A commit did not complete (it stopped before writing .postkit/db/committed.json):"
                    + " removed " + String.join(", ", removed) + " from .postkit/db/migrations/ again; the session"
                    + " is as it was. Run mvn postkit:commit again.");
        }
    }

    /**
     * Makes the session's migrations exactly those the clone's migration table holds: settles the files of an
     * apply that did not finish and corrects {@code session.json}.
     *
     * @return the session as it now is
     */
    public SessionState reconcile(LocalClone clone, SessionState session) throws SQLException {
        ProjectState state = project.state();
        Set<String> applied;
        try (Connection c = clone.connect()) {
            applied = project.migrationTable().applied(c).keySet();
        }
        List<String> settled = new ArrayList<>();
        boolean kept = false;
        for (Path file : state.applyingMigrations()) {
            MigrationFile migration = ProjectState.readApplying(file);
            if (applied.contains(migration.version())) {
                state.completeSessionMigration(file);
                kept = true;
                settled.add(migration.fileName() + " ran on the local clone and was kept");
            } else {
                state.deleteQuietly(file);
                settled.add(migration.fileName() + " never ran on the local clone and was removed");
            }
        }
        List<String> versions = state.sessionMigrations().stream().map(MigrationFile::version)
                .filter(applied::contains).toList();
        SessionState now = versions.equals(session.migrations()) ? session : session.withMigrations(versions);
        if (now != session) {
            state.saveSession(now);
        }
        if (kept) {
            state.deletePlan();
        }
        if (!settled.isEmpty()) {
            project.log().info("An apply did not finish: " + String.join("; ", settled) + "." + (kept
                    ? " Run mvn postkit:plan again: it plans from where the clone is now." : ""));
        }
        return now;
    }
}
