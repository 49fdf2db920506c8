package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.ServerVersion;
import io.postkit.core.internal.workflow.LocalServerStatus;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.state.SessionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code postkit:status}: the session, the last plan, the local servers, and per remote what is pending. Reads
 * only; a remote that cannot be reached is reported, not fatal.
 */
public final class StatusCommand {

    private final Project project;

    public StatusCommand(Workspace workspace) {
        this.project = new Project(workspace);
    }

    public void run(boolean offline) {
        ProjectState state = project.state();
        var log = project.log();
        log.info("Session: " + session(state));
        unfinished(state).forEach(log::info);
        state.plan().ifPresent(plan -> log.info("Last plan (" + plan.createdAt() + "): "
                + PlanText.summary(plan).lines().findFirst().orElse("")));
        log.info("Local servers:\n  " + String.join("\n  ", new LocalServerStatus(project).describe()));
        List<MigrationFile> committed = state.committedMigrations();
        log.info("Committed migrations: " + committed.size());
        if (offline) {
            log.info("Remotes: not contacted (-Dpostkit.offline)");
            return;
        }
        for (RemoteConfig remote : project.settings().remotes()) {
            log.info("Remote '" + remote.name() + "': " + remoteStatus(remote, committed));
        }
    }

    private static String session(ProjectState state) {
        try {
            return state.session().map(StatusCommand::describe).orElse("none");
        } catch (PostkitException unreadable) {
            return "unreadable: " + unreadable.getMessage();
        }
    }

    /** What a goal that did not finish left in the project's state; the next goal that writes settles it. */
    private static List<String> unfinished(ProjectState state) {
        List<String> lines = new java.util.ArrayList<>();
        for (java.nio.file.Path file : state.applyingMigrations()) {
            lines.add("An apply did not finish: " + file.getFileName() + " (the next plan, apply or commit keeps it"
                    + " if it ran on the clone, else removes it)");
        }
        List<MigrationFile> unrecorded;
        try {
            unrecorded = state.unrecordedCommittedFiles();
        } catch (PostkitException unreadable) {
            unrecorded = List.of();
        }
        if (!unrecorded.isEmpty()) {
            lines.add("Not in .postkit/db/committed.json: " + String.join(", ", unrecorded.stream()
                    .map(MigrationFile::fileName).toList()) + " (a commit that did not complete is settled by the"
                    + " next goal)");
        }
        return lines;
    }

    private static String describe(SessionState session) {
        return session.state().name().toLowerCase() + " (remote '" + session.remote() + "', PostgreSQL "
                + session.remoteMajor() + ", started " + session.startedAt() + ", " + session.migrations().size()
                + " migration(s) applied to the clone)";
    }

    private String remoteStatus(RemoteConfig remote, List<MigrationFile> committed) {
        try (Connection c = project.openRemote(remote)) {
            Map<String, String> applied = project.migrationTable().applied(c);
            List<String> pending = committed.stream().filter(m -> !applied.containsKey(m.version()))
                    .map(MigrationFile::fileName).toList();
            String version = ServerVersion.of(c).display();
            return pending.isEmpty() ? "up to date (PostgreSQL " + version + ", " + applied.size() + " applied)"
                    : pending.size() + " pending (PostgreSQL " + version + "): " + String.join(", ", pending);
        } catch (PostkitException | SQLException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
