package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.LocalClone;
import io.postkit.core.internal.workflow.SessionRecovery;
import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.api.SqlStatementException;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.migration.MigrationRunner;
import io.postkit.core.internal.migration.MigrationVersions;
import io.postkit.core.internal.plan.MigrationParts;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.render.Hazard;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.scripts.ProjectScripts;
import io.postkit.core.internal.scripts.ScriptTarget;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;
import io.postkit.core.internal.state.SessionState;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code postkit:apply}: runs the session's pending hand-written migrations ({@code postkit:migration}) and the last
 * plan, turned into a session migration, on the local clone, so locks, rewrites and constraint failures show up on
 * real data: infra first, then the migrations in version order, then grants and seeds. Refuses a plan whose inputs
 * changed since it was made. When a statement fails the clone is rolled back and the session stays as it was.
 */
public final class ApplyCommand {

    /** @param allowDataLoss run statements marked {@link Hazard#DATA_LOSS}; @param name the migration's name */
    public record Options(boolean allowDataLoss, String name) {
    }

    private static final String DEFAULT_NAME = "schema_change";

    /** A migration to run: its statements placed where an error should point, and whether postkit wrote it. */
    private record Step(MigrationFile migration, List<ScriptStatement> statements, boolean generated) {
    }

    private final Project project;
    private final Clock clock;

    public ApplyCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    /** @return the migrations applied: hand-written ones, then the plan's (one, or one per part of an online plan) */
    public List<MigrationFile> run(Options options) {
        ProjectState state = project.state();
        try (var lock = project.lock()) {
            SessionState session = state.requireSession("apply");
            Optional<PlanDocument> plan = state.plan().filter(p -> !p.isEmpty());
            List<Step> manual = manualSteps(state, session);
            if (plan.isEmpty() && manual.isEmpty()) {
                if (state.plan().isEmpty()) {
                    throw new PostkitException("No plan to apply. Run mvn postkit:plan first.");
                }
                project.log().info("Nothing to apply: the last plan has no changes.");
                return List.of();
            }
            if (plan.isPresent()) {
                checkSchemaFiles(plan.get());
                checkDataLoss(plan.get(), options.allowDataLoss());
            }
            ProjectScripts scripts = project.scripts();
            try (RunningServer server = project.localServer(session.remoteMajor())) {
                LocalClone clone = LocalClone.of(project, server, session);
                session = new SessionRecovery(project).reconcile(clone, session);
                manual = manualSteps(state, session);
                if (plan.isPresent()) {
                    checkClone(plan.get(), clone);
                }
                List<Step> generated = plan.map(p -> generatedSteps(p, options.name())).orElse(List.of());
                List<MigrationFile> applied = runAll(clone, scripts, session, manual, generated, plan);
                state.deletePlan();
                StringBuilder files = new StringBuilder();
                applied.forEach(m -> files.append("\n  ").append(ProjectState.sessionMigrationPath(m)));
                project.log().info("Review the session's migration" + (applied.size() > 1 ? "s" : "") + ":" + files
                        + "\nthen mvn postkit:commit.");
                return applied;
            } catch (SQLException e) {
                throw new PostkitException("Applying failed on the local server: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Infra, then the hand-written migrations, then the plan's; grants and seeds in the last one's transaction.
     * A hand-written migration that changed the clone's schema makes the plan out of date: the plan is not run.
     */
    private List<MigrationFile> runAll(LocalClone clone, ProjectScripts scripts, SessionState session,
                                       List<Step> manual, List<Step> generated, Optional<PlanDocument> plan)
            throws SQLException {
        ProjectState state = project.state();
        List<Step> steps = new ArrayList<>(manual);
        steps.addAll(generated);
        SessionState progress = session;
        try (Connection c = clone.connect()) {
            runInfra(scripts, c);
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (step.generated() && i == manual.size() && i > 0) {
                    checkManualKeptSchema(plan.orElseThrow(), clone, progress);
                }
                Path written = step.generated() ? state.writeSessionMigration(step.migration()) : null;
                try {
                    runOnClone(c, step, written, i == steps.size() - 1 ? scripts.after(ScriptTarget.CLONE) : null);
                } catch (PostkitException e) {
                    if (progress != session) {
                        // Earlier migrations committed on their own: they stay, and so does their record.
                        state.saveSession(progress);
                        if (step.generated()) {
                            state.discardPlan();
                        }
                    }
                    throw e;
                }
                if (written != null) {
                    project.pausePoint("apply.ran");
                    state.completeSessionMigration(written);
                }
                progress = progress.applied(step.migration().version());
                project.log().info("Applied migration " + step.migration().fileName() + " to the local clone.");
            }
        }
        state.saveSession(progress);
        return steps.stream().map(Step::migration).toList();
    }

    private void runInfra(ProjectScripts scripts, Connection c) throws SQLException {
        try {
            scripts.before(c, ScriptTarget.CLONE);
        } catch (SqlStatementException e) {
            throw new PostkitException("Running infra/ on the local clone failed (it was rolled back; nothing was"
                    + " applied):\n" + e.getMessage(), e);
        }
    }

    /** The session's migrations the clone has not run: those written by hand with {@code postkit:migration}. */
    private static List<Step> manualSteps(ProjectState state, SessionState session) {
        List<Step> steps = new ArrayList<>();
        for (MigrationFile migration : state.sessionMigrations()) {
            if (session.migrations().contains(migration.version())) {
                continue;
            }
            String path = ProjectState.sessionMigrationPath(migration);
            List<ScriptStatement> statements = migration.upStatements(path);
            if (statements.isEmpty()) {
                throw new PostkitException("Migration " + path + " has no statements in its '-- migrate:up' section."
                        + " Write the change there, or delete the file.");
            }
            steps.add(new Step(migration, statements, false));
        }
        return steps;
    }

    private void checkManualKeptSchema(PlanDocument plan, LocalClone clone, SessionState progress)
            throws SQLException {
        if (!SchemaFingerprint.of(clone.readSchema()).equals(plan.fingerprints().current())) {
            project.state().saveSession(progress);
            project.state().deletePlan();
            throw new PostkitException("The hand-written migration(s) applied just now changed the local clone's"
                    + " schema, so the plan made before them is out of date; it was not applied. Run mvn"
                    + " postkit:plan again, then mvn postkit:apply.");
        }
    }

    private void checkSchemaFiles(PlanDocument plan) {
        String now = SchemaDirectory.read(project.settings().baseDir(), project.settings().schemaDir())
                .fingerprint();
        if (!now.equals(plan.fingerprints().schemaFiles())) {
            throw new PostkitException("The plan is out of date: the schema files changed since it was made. Run mvn"
                    + " postkit:plan again and review the new plan.");
        }
    }

    private static void checkDataLoss(PlanDocument plan, boolean allowed) {
        List<PlannedStatement> losing = plan.statements().stream()
                .filter(s -> s.hazards().contains(Hazard.DATA_LOSS)).toList();
        if (!losing.isEmpty() && !allowed) {
            StringBuilder list = new StringBuilder();
            losing.forEach(s -> list.append("\n  ").append(s.objectKind()).append(' ').append(s.objectName()));
            throw new PostkitException("The plan drops data:" + list + "\nIf that is intended, run mvn postkit:apply"
                    + " -Dpostkit.allowDataLoss. A rename is not detected: do it in a hand-written migration"
                    + " (mvn postkit:migration -Dpostkit.name=<name>) to keep the data.");
        }
    }

    private static void checkClone(PlanDocument plan, LocalClone clone) throws SQLException {
        if (!SchemaFingerprint.of(clone.readSchema()).equals(plan.fingerprints().current())) {
            throw new PostkitException("The plan is out of date: the local clone's schema changed since it was made."
                    + " Run mvn postkit:plan again.");
        }
    }

    /**
     * One migration per part of the plan ({@link MigrationParts}): statements that cannot run in a transaction go
     * into {@code transaction:false} migrations of their own. The first part's down section is the whole plan's
     * reverse; rolled back last to first, the parts undo the plan together. Their statements point into
     * {@code plan.sql}, which stays when they fail.
     */
    private List<Step> generatedSteps(PlanDocument plan, String name) {
        String migrationName = name == null || name.isBlank() ? DEFAULT_NAME : name;
        MigrationVersions.validateName(migrationName);
        List<MigrationParts.Part> parts = MigrationParts.of(plan.statements());
        List<Integer> lines = ProjectState.planSqlLines(plan);
        Set<String> known = new TreeSet<>(project.state().knownVersions());
        List<Step> steps = new ArrayList<>();
        int cursor = 0;
        for (int i = 0; i < parts.size(); i++) {
            String version = MigrationVersions.next(clock, known);
            known.add(version);
            String partName = parts.size() == 1 ? migrationName : migrationName + "_" + (i + 1);
            String down = i == 0 ? PlanText.sql(plan.down())
                    : "-- Undone by the down section of " + steps.get(0).migration().fileName();
            List<PlannedStatement> partStatements = parts.get(i).statements();
            MigrationFile migration = new MigrationFile(version, partName, PlanText.sql(partStatements), down,
                    parts.get(i).transactional());
            List<ScriptStatement> statements = new ArrayList<>();
            for (PlannedStatement statement : partStatements) {
                int index = plan.statements().subList(cursor, plan.statements().size()).indexOf(statement);
                // a part may repeat the plan's opening setting, which plan.sql holds once, at its start
                int at = index < 0 ? plan.statements().indexOf(statement) : cursor + index;
                cursor = index < 0 ? cursor : at + 1;
                statements.addAll(SqlScript.split(statement.sql() + ";", ProjectState.PLAN_SQL, lines.get(at)));
            }
            steps.add(new Step(migration, statements, true));
        }
        return steps;
    }

    /** @param written the file of a generated migration, removed when it fails; null for a hand-written one */
    private void runOnClone(Connection c, Step step, Path written, MigrationRunner.InTransaction after)
            throws SQLException {
        MigrationFile migration = step.migration();
        try {
            new MigrationRunner(project.migrationTable(), project.log()).warningOfDataLoss("on the local clone")
                    .run(c, migration, step.statements(), null, after);
        } catch (SqlStatementException e) {
            if (written != null) {
                project.state().deleteQuietly(written);
            }
            String state = migration.upTransactional()
                    ? "The local clone was rolled back to before " + migration.fileName() + "."
                    : migration.fileName() + " runs outside a transaction: the statements before the failing one"
                    + " stay on the local clone.";
            String next = step.generated()
                    ? " Fix the schema files (or prepare the data in a hand-written migration) and run mvn"
                    + " postkit:plan again: it plans from where the clone is now."
                    : " Fix " + ProjectState.sessionMigrationPath(migration) + " and run mvn postkit:apply again.";
            throw new PostkitException("Applying " + (step.generated() ? "the plan" : "migration "
                    + migration.fileName()) + " to the local clone failed:\n" + e.getMessage() + "\n" + state + next,
                    e);
        } catch (SQLException | RuntimeException e) {
            if (written != null) {
                project.state().deleteQuietly(written);
            }
            throw e;
        }
    }
}
