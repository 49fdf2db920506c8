package io.postkit.core;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.importing.ImportedSchema;
import io.postkit.core.internal.importing.SchemaDirectoryReplacement;
import io.postkit.core.internal.importing.SourceSchema;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.migration.MigrationVersions;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.RemoteWriteConsent;
import io.postkit.core.internal.workflow.ServerVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code postkit:import}: brings an existing database under management. Its managed schemas become the schema
 * directory (one file per object, folders by kind, numbered in dependency order; roles, schemas and extensions in
 * {@code infra/}, privileges in {@code grants/}), a baseline migration starts the committed history, and the
 * baseline is recorded as applied on the source, which already has the schema. Asks before that write; refuses a
 * schema directory that holds files unless {@code force}. All or nothing: a failure leaves the schema directory,
 * {@code .postkit/} and the source as they were.
 */
public final class ImportCommand {

    /**
     * @param remote the source, or null for the default remote
     * @param force  replace the schema directory's contents (seeds are kept)
     * @param yes    confirmed in advance (batch mode)
     */
    public record Request(String remote, boolean force, boolean yes) {
    }

    /**
     * What was imported.
     *
     * @param files    the files written, relative to the schema directory
     * @param baseline the baseline migration's file name
     */
    public record Result(String remote, List<String> files, String baseline) {
    }

    private static final int SHOWN_FILES = 5;

    private final Project project;
    private final Clock clock;

    public ImportCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    public Result run(Request request) {
        RemoteConfig remote = project.settings().remote(request.remote());
        RemoteWriteConsent consent = RemoteWriteConsent.check(project, remote, request.yes(),
                "Recording the import's baseline migration as applied on");
        Path schemaDir = project.settings().schemaDir();
        refuseExistingFiles(schemaDir, request.force());
        ProjectState state = project.state();
        try (var lock = state.lock()) {
            refuseExistingWork(state);
            for (Path setAside : SchemaDirectoryReplacement.clearLeftovers(schemaDir)) {
                project.log().warn(project.settings().displayPath(setAside) + " holds what the schema directory held"
                        + " before an import that did not finish; look through it, then delete it.");
            }
            try (Connection source = project.openRemote(remote)) {
                ServerVersion version = ServerVersion.of(source);
                project.log().info("Importing remote '" + remote.name() + "' (PostgreSQL " + version.display()
                        + "), schemas " + project.settings().schemas());
                warnUnsupported(remote, new CatalogReader().unsupportedObjects(source, project.settings().schemas()));
                SourceSchema schema = SourceSchema.read(source, project.settings().schemas(),
                        project.migrationTable(), project.settings().manageOwners());
                refuseMissingSchemas(remote, schema);
                describe(remote, schema);
                ImportedSchema imported = ImportedSchema.of(schema, project.settings().schemas(),
                        project.settings().manageOwners(), baselineVersion(state, schema));
                consent.confirm("Record baseline migration " + imported.baseline().fileName() + " as applied on"
                        + " remote '" + remote.name() + "' (in its " + project.migrationTable().name() + " table,"
                        + " created if missing)?");
                write(remote, source, imported);
                return new Result(remote.name(), List.copyOf(imported.files().keySet()),
                        imported.baseline().fileName());
            } catch (SQLException e) {
                throw new PostkitException("Importing remote '" + remote.name() + "' failed: " + e.getMessage()
                        + ". Nothing was written.", e);
            }
        }
    }

    private void refuseExistingFiles(Path schemaDir, boolean force) {
        List<Path> existing = SchemaDirectoryReplacement.existingFiles(schemaDir);
        if (existing.isEmpty()) {
            return;
        }
        String dir = project.settings().displayPath(schemaDir);
        if (!force) {
            throw new PostkitException("The schema directory " + dir + " is not empty (" + existing.size()
                    + " file(s): " + shown(existing) + "). import writes a new schema directory: point"
                    + " -Dpostkit.schemaDir at an empty folder, or run with -Dpostkit.force to replace the contents"
                    + " of " + dir + " (its " + String.join("/ and ", SchemaDirectoryReplacement.KEPT)
                    + "/ folders are kept). Nothing was written.");
        }
        project.log().warn("-Dpostkit.force: the " + existing.size() + " file(s) in " + dir + " (" + shown(existing)
                + ") will be replaced by the import; " + String.join("/ and ", SchemaDirectoryReplacement.KEPT)
                + "/ are kept.");
    }

    /** An import starts a history: one on top of another would make the baseline fail on every database. */
    private static void refuseExistingWork(ProjectState state) {
        state.session().ifPresent(session -> {
            throw new PostkitException("A session is active (remote '" + session.remote() + "'). Finish it with mvn"
                    + " postkit:commit or discard it with mvn postkit:abort before importing. Nothing was written.");
        });
        int committed = state.history().migrations().size();
        if (committed > 0) {
            throw new PostkitException("This project already has a committed history (" + committed + " migration(s)"
                    + " in .postkit/db/committed.json). import starts a new history with a baseline; remove"
                    + " .postkit/db/migrations/ and .postkit/db/committed.json first if you mean to start over."
                    + " Nothing was written.");
        }
    }

    private void warnUnsupported(RemoteConfig remote, List<String> objects) {
        if (!objects.isEmpty()) {
            project.log().warn("Remote '" + remote.name() + "' has " + objects.size() + " object(s) this version of"
                    + " postkit does not manage yet; they are not imported:\n  " + String.join("\n  ", objects));
        }
    }

    private void refuseMissingSchemas(RemoteConfig remote, SourceSchema schema) {
        Set<String> missing = new TreeSet<>(project.settings().schemas());
        missing.removeAll(schema.model().schemas());
        if (!missing.isEmpty()) {
            throw new PostkitException("Remote '" + remote.name() + "' has no schema " + String.join(", ", missing)
                    + ". Set <schemas> to the schemas to manage. Nothing was written.");
        }
    }

    private void describe(RemoteConfig remote, SourceSchema schema) {
        SchemaModel model = schema.model();
        project.log().info("Read " + model.tables().size() + " tables, " + model.views().size() + " views, "
                + model.routines().size() + " routines, " + model.triggers().size() + " triggers, "
                + model.policies().size() + " policies, " + model.typeNames().size() + " types, "
                + model.sequences().size() + " sequences, " + schema.extensions().extensions().size()
                + " extensions and " + model.grants().size() + " privileges.");
        if (!schema.appliedVersions().isEmpty()) {
            project.log().warn("Remote '" + remote.name() + "' already records " + schema.appliedVersions().size()
                    + " migration(s) in " + project.migrationTable().name() + " (" + schema.appliedVersions().first()
                    + " … " + schema.appliedVersions().last() + "); they stay there, and are not part of the history"
                    + " this import starts.");
        }
    }

    /** A version no migration of the project or of the source's migration table has. */
    private String baselineVersion(ProjectState state, SourceSchema schema) {
        Set<String> known = new TreeSet<>(state.knownVersions());
        schema.appliedVersions().stream().filter(v -> v.matches("\\d{14}")).forEach(known::add);
        return MigrationVersions.next(clock, known);
    }

    /**
     * The baseline's row on the source and the schema directory go together: the files are staged beside the
     * directory, the row is inserted, the files take the directory's place, and only then is the row committed; a
     * failure on the way undoes both. The project's history is written last.
     */
    private void write(RemoteConfig remote, Connection source, ImportedSchema imported) throws SQLException {
        MigrationFile baseline = imported.baseline();
        MigrationTable table = project.migrationTable();
        try (SchemaDirectoryReplacement replacement = SchemaDirectoryReplacement.stage(
                project.settings().schemaDir(), imported.files())) {
            source.setAutoCommit(false);
            try {
                table.ensureExists(source);
                table.record(source, baseline.version(), baseline.checksum(), 0);
                replacement.install();
                source.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                undo(source, replacement);
                throw new PostkitException("Importing remote '" + remote.name() + "' failed while writing: "
                        + e.getMessage() + ". Nothing was recorded on remote '" + remote.name() + "' and the schema"
                        + " directory is as it was.", e);
            }
            replacement.finish();
        }
        Instant now = clock.instant();
        project.state().commitMigrations(List.of(baseline), now);
        project.state().markDeployed(List.of(baseline), remote.name(), now);
        project.log().info("Wrote " + imported.files().size() + " files to "
                + project.settings().displayPath(project.settings().schemaDir()) + "/ and the baseline migration"
                + " .postkit/db/migrations/" + baseline.fileName() + ", recorded as applied on remote '" + remote.name()
                + "'. Check both in; mvn postkit:start then begins a session from here.");
    }

    private static void undo(Connection source, SchemaDirectoryReplacement replacement) {
        try {
            source.rollback();
        } catch (SQLException ignored) {
            // the transaction ends with the connection anyway
        }
        try {
            replacement.revert();
        } catch (IOException e) {
            throw new PostkitException("Importing failed, and putting the schema directory back failed too: "
                    + e.getMessage() + ". Its old contents are in the folder beside it whose name ends in"
                    + " '.replaced-…'.", e);
        }
    }

    private static String shown(List<Path> files) {
        return files.stream().limit(SHOWN_FILES).map(p -> p.toString().replace('\\', '/'))
                .collect(Collectors.joining(", ")) + (files.size() > SHOWN_FILES ? ", …" : "");
    }
}
