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
import io.postkit.core.internal.state.SessionState;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code postkit:apply}: turns the last plan into a session migration and runs it on the local clone, so locks,
 * rewrites and constraint failures show up on real data. Refuses a plan whose inputs changed since it was made.
 * When a statement fails the clone is rolled back and the session stays as it was.
 */
public final class ApplyCommand {

    /** @param allowDataLoss run statements marked {@link Hazard#DATA_LOSS}; @param name the migration's name */
    public record Options(boolean allowDataLoss, String name) {
    }

    private static final String DEFAULT_NAME = "schema_change";

    private final Project project;
    private final Clock clock;

    public ApplyCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    /** @return the migrations written and applied: one, or one per part of an online plan */
    public List<MigrationFile> run(Options options) {
        ProjectState state = project.state();
        try (var lock = project.lock()) {
            SessionState session = state.requireSession("apply");
            PlanDocument plan = state.plan().orElseThrow(() -> new PostkitException(
                    "No plan to apply. Run mvn postkit:plan first."));
            if (plan.isEmpty()) {
                project.log().info("Nothing to apply: the last plan has no changes.");
                return List.of();
            }
            checkSchemaFiles(plan);
            checkDataLoss(plan, options.allowDataLoss());
            try (RunningServer server = project.localServer(session.remoteMajor())) {
                LocalClone clone = LocalClone.of(project, server, session);
                session = new SessionRecovery(project).reconcile(clone, session);
                checkClone(plan, clone);
                List<MigrationFile> migrations = migrations(plan, options.name());
                SessionState progress = session;
                for (MigrationFile migration : migrations) {
                    Path file = state.writeSessionMigration(migration);
                    try {
                        runOnClone(clone, migration, file);
                    } catch (PostkitException e) {
                        if (progress != session) {
                            // Earlier parts ran outside one transaction with this one: they stay, and so does
                            // their record; the next plan starts from where the clone is now.
                            state.saveSession(progress);
                            state.deletePlan();
                        }
                        throw e;
                    }
                    project.pausePoint("apply.ran");
                    state.completeSessionMigration(file);
                    progress = progress.applied(migration.version());
                    project.log().info("Applied migration " + migration.fileName() + " to the local clone.");
                }
                state.saveSession(progress);
                state.deletePlan();
                project.log().info("Review the migration" + (migrations.size() > 1 ? "s" : "")
                        + " in .postkit/db/migrations, then mvn postkit:commit.");
                return migrations;
            } catch (SQLException e) {
                throw new PostkitException("Applying failed on the local server: " + e.getMessage(), e);
            }
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
                    + " -Dpostkit.allowDataLoss. A rename is not detected: do it in a manual migration"
                    + " (mvn postkit:migration) to keep the data.");
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
     * reverse; rolled back last to first, the parts undo the plan together.
     */
    private List<MigrationFile> migrations(PlanDocument plan, String name) {
        String migrationName = name == null || name.isBlank() ? DEFAULT_NAME : name;
        MigrationVersions.validateName(migrationName);
        List<MigrationParts.Part> parts = MigrationParts.of(plan.statements());
        Set<String> known = new TreeSet<>(project.state().knownVersions());
        List<MigrationFile> migrations = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String version = MigrationVersions.next(clock, known);
            known.add(version);
            String partName = parts.size() == 1 ? migrationName : migrationName + "_" + (i + 1);
            String down = i == 0 ? PlanText.sql(plan.down())
                    : "-- Undone by the down section of " + migrations.get(0).fileName();
            migrations.add(new MigrationFile(version, partName, PlanText.sql(parts.get(i).statements()), down,
                    parts.get(i).transactional()));
        }
        return migrations;
    }

    private void runOnClone(LocalClone clone, MigrationFile migration, Path file) throws SQLException {
        try (Connection c = clone.connect()) {
            new MigrationRunner(project.migrationTable(), project.log()).run(c, migration, null);
        } catch (SqlStatementException e) {
            project.state().deleteQuietly(file);
            String state = migration.upTransactional()
                    ? "The local clone was rolled back to before " + migration.fileName() + "."
                    : migration.fileName() + " runs outside a transaction: the statements before the failing one"
                    + " stay on the local clone.";
            throw new PostkitException("Applying the plan to the local clone failed:\n" + e.getMessage() + "\n"
                    + state + " Fix the schema files (or prepare the data in a manual migration) and run"
                    + " mvn postkit:plan again: it plans from where the clone is now.", e);
        } catch (SQLException | RuntimeException e) {
            project.state().deleteQuietly(file);
            throw e;
        }
    }
}
