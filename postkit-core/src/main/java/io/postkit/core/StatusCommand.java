package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.RemoteStatus;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.state.JsonStateFile;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.internal.workflow.LocalServerStatus;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.RemoteInspection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code postkit:status}: the session, the last plan, the local servers, and per remote what is pending and what
 * it holds that this checkout does not know. Reads only; a remote that cannot be reached is reported, not fatal.
 */
public final class StatusCommand {

    /**
     * @param session    the active session, or null
     * @param lastPlan   the last plan, or null
     * @param remotes    per remote, in configuration order; empty with {@code offline}
     */
    public record Result(Session session, LastPlan lastPlan, String localServers, int committedMigrations,
                         boolean remotesContacted, List<RemoteStatus> remotes) {

        public Result {
            remotes = List.copyOf(remotes);
        }

        /** One JSON document, for CI scripts ({@code -Dpostkit.format=json}). */
        public String json() {
            return JsonStateFile.render(this);
        }
    }

    /** @param pendingMigrations session migrations the clone has not run yet (written with postkit:migration) */
    public record Session(String state, String remote, int remoteMajor, Instant startedAt,
                          List<String> appliedMigrations, List<String> pendingMigrations) {
    }

    public record LastPlan(Instant createdAt, int statements, List<String> hazards, String summary) {
    }

    private final Project project;

    public StatusCommand(Workspace workspace) {
        this.project = new Project(workspace);
    }

    public Result run(boolean offline) {
        ProjectState state = project.state();
        var log = project.log();
        Session session = session(state);
        unfinished(state).forEach(log::info);
        LastPlan plan = state.plan().map(StatusCommand::describe).orElse(null);
        if (plan != null) {
            log.info("Last plan (" + plan.createdAt() + "): " + plan.summary());
        }
        String servers = String.join("\n  ", new LocalServerStatus(project).describe());
        log.info("Local servers:\n  " + servers);
        List<MigrationFile> committed = state.committedMigrations();
        log.info("Committed migrations: " + committed.size());
        List<RemoteStatus> remotes = new ArrayList<>();
        if (offline) {
            log.info("Remotes: not contacted (-Dpostkit.offline)");
        } else {
            RemoteInspection inspection = new RemoteInspection(project);
            for (RemoteConfig remote : project.settings().remotes()) {
                RemoteStatus status = inspection.inspect(remote, committed);
                remotes.add(status);
                log.info("Remote '" + remote.name() + "': " + RemoteInspection.summary(status));
                String unknown = RemoteInspection.unknownWarning(status);
                if (unknown != null) {
                    log.warn(unknown);
                }
            }
        }
        return new Result(session, plan, servers, committed.size(), !offline, remotes);
    }

    /** The session, said in the log; null when there is none or its file cannot be read (said too). */
    private Session session(ProjectState state) {
        try {
            Session session = state.session().map(s -> describe(state, s)).orElse(null);
            project.log().info("Session: " + (session == null ? "none" : text(session)));
            return session;
        } catch (PostkitException unreadable) {
            project.log().info("Session: unreadable: " + unreadable.getMessage());
            return null;
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

    private static Session describe(ProjectState state, SessionState session) {
        List<String> pending = state.sessionMigrations().stream()
                .filter(m -> !session.migrations().contains(m.version())).map(MigrationFile::fileName).toList();
        return new Session(session.state().name().toLowerCase(), session.remote(), session.remoteMajor(),
                session.startedAt(), session.migrations(), pending);
    }

    private static LastPlan describe(PlanDocument plan) {
        return new LastPlan(plan.createdAt(), plan.statements().size(),
                plan.hazards().stream().map(Enum::name).toList(),
                PlanText.summary(plan).lines().findFirst().orElse(""));
    }

    private static String text(Session session) {
        return session.state() + " (remote '" + session.remote() + "', PostgreSQL " + session.remoteMajor()
                + ", started " + session.startedAt() + ", " + session.appliedMigrations().size()
                + " migration(s) applied to the clone" + (session.pendingMigrations().isEmpty() ? ""
                : ", " + session.pendingMigrations().size() + " not applied yet: "
                + String.join(", ", session.pendingMigrations())) + ")";
    }
}
