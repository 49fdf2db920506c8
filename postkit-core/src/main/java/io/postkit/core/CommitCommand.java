package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.internal.workflow.LocalClone;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.SessionRecovery;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * {@code postkit:commit}: moves the session's migrations into the checked-in history, records them in
 * {@code committed.json}, and ends the session (its local clone is dropped). The session's migrations are those the
 * clone's migration table holds; {@code committed.json} is the commit point ({@link SessionRecovery}).
 */
public final class CommitCommand {

    private final Project project;
    private final Clock clock;

    public CommitCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    public List<MigrationFile> run() {
        ProjectState state = project.state();
        try (var lock = project.lock()) {
            SessionState session = state.requireSession("commit");
            try (RunningServer server = project.localServer(session.remoteMajor())) {
                LocalClone clone = LocalClone.of(project, server, session);
                session = new SessionRecovery(project).reconcile(clone, session);
                state.plan().filter(p -> !p.isEmpty()).ifPresent(CommitCommand::refuseUnapplied);
                List<MigrationFile> migrations = state.sessionMigrations();
                refuseUnapplied(session, migrations);
                if (migrations.isEmpty()) {
                    throw new PostkitException("Nothing to commit: no migration was applied in this session. Run mvn"
                            + " postkit:plan and mvn postkit:apply first, or mvn postkit:abort to end the session.");
                }
                state.commitMigrations(migrations, clock.instant(), () -> project.pausePoint("commit.copied"));
                project.pausePoint("commit.recorded");
                dropClone(clone);
                state.endSession();
                StringBuilder names = new StringBuilder();
                migrations.forEach(m -> names.append("\n  .postkit/db/migrations/").append(m.fileName()));
                project.log().info("Committed " + migrations.size() + " migration(s):" + names
                        + "\nCheck them in, then deploy with mvn postkit:deploy.");
                return migrations;
            } catch (SQLException e) {
                throw new PostkitException("Committing failed on the local server: " + e.getMessage(), e);
            }
        }
    }

    /** After the commit point a clone that cannot be dropped is only worth a warning. */
    private void dropClone(LocalClone clone) {
        try {
            clone.databases().drop(clone.database());
        } catch (SQLException | PostkitException e) {
            project.log().warn("Could not drop the session's local clone '" + clone.database().name() + "': "
                    + e.getMessage());
        }
    }

    private static void refuseUnapplied(PlanDocument plan) {
        throw new PostkitException("There is an unapplied plan (" + plan.statements().size() + " statement(s))."
                + " Run mvn postkit:apply to apply it, or mvn postkit:plan to refresh it, before committing.");
    }

    /** A hand-written migration the clone has not run would reach the remotes untested. */
    private static void refuseUnapplied(SessionState session, List<MigrationFile> migrations) {
        List<String> unapplied = migrations.stream().filter(m -> !session.migrations().contains(m.version()))
                .map(ProjectState::sessionMigrationPath).toList();
        if (!unapplied.isEmpty()) {
            throw new PostkitException("Not applied to the local clone yet: " + String.join(", ", unapplied)
                    + ". Run mvn postkit:apply first (or delete the file), then commit.");
        }
    }
}
