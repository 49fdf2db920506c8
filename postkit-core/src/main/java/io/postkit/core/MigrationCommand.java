package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.migration.MigrationVersions;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;

import java.time.Clock;

/**
 * {@code postkit:migration}: a hand-written migration in the session, for what a plan cannot say: data changes
 * (backfills), renames. {@code apply} runs it on the clone in version order with the plan's migrations; {@code
 * commit} and {@code deploy} carry it like the others.
 */
public final class MigrationCommand {

    /** The migration written, not applied yet. @param file its path relative to the project */
    public record Result(String version, String name, String file) {
    }

    static final String UP = """
            -- A hand-written migration: data changes (UPDATE ..., INSERT ... SELECT ...) or what a plan cannot say
            -- (a rename). mvn postkit:apply runs it on the local clone, in version order with the plan's migrations.""";
    static final String DOWN = "-- How to undo it, if it can be undone.";

    private final Project project;
    private final Clock clock;

    public MigrationCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    /** @param name the migration's name ({@code -Dpostkit.name}): 1 to 60 lower-case letters, digits, underscores */
    public Result run(String name) {
        ProjectState state = project.state();
        try (var lock = state.lock()) {
            state.requireSession("add a migration to");
            MigrationVersions.validateName(name);
            MigrationFile migration = new MigrationFile(MigrationVersions.next(clock, state.knownVersions()), name,
                    UP, DOWN, true);
            state.writeHandWrittenMigration(migration);
            String file = ProjectState.sessionMigrationPath(migration);
            project.log().info("Wrote " + file + ". Write the change in its '-- migrate:up' section (and how to undo"
                    + " it under '-- migrate:down'), then run mvn postkit:apply.");
            return new Result(migration.version(), name, file);
        }
    }
}
