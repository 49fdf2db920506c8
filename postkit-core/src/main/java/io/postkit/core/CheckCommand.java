package io.postkit.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.postkit.core.api.PostgresVersions;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.ThrowawayDatabase;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.scripts.ProjectScripts;
import io.postkit.core.internal.shadow.ShadowDatabase;
import io.postkit.core.internal.state.JsonStateFile;
import io.postkit.core.internal.workflow.CommittedReplay;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.ServerVersion;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postkit:check}, the CI gate: replays the committed migrations (after infra) into an empty database on the
 * local server and compares the result with the schema files, built in a shadow; any difference is a change no
 * migration carries. With a remote, also replays the migrations that remote has applied and compares the result
 * with the remote itself: a difference there is drift, a change made by hand. Needs no session; changes nothing.
 */
public final class CheckCommand {

    /**
     * @param remote    also check this remote for drift; null for none
     * @param pgVersion the local server's major; null for the remote's, else the newest supported
     */
    public record Request(String remote, Integer pgVersion) {
    }

    /** One statement of what would close a difference: for uncommitted changes, what a plan would do. */
    public record Difference(String objectKind, String objectName, String sql) {
    }

    /**
     * @param uncommitted what the schema files hold beyond the committed migrations
     * @param drift       what the remote holds beyond its applied migrations (always empty without a remote)
     * @param problem     why the drift could not be checked, or null
     */
    public record Result(int committedMigrations, String remote, List<Difference> uncommitted,
                         List<Difference> drift, String problem) {

        public Result {
            uncommitted = List.copyOf(uncommitted);
            drift = List.copyOf(drift);
        }

        /** In the JSON too: what a CI script asks first. */
        @JsonProperty("passed")
        public boolean passed() {
            return uncommitted.isEmpty() && drift.isEmpty() && problem == null;
        }

        /** What failed, to end the build with; null when passed. */
        public String failure() {
            if (passed()) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            if (!uncommitted.isEmpty()) {
                text.append("The schema files hold changes that no committed migration carries:")
                        .append(list(uncommitted))
                        .append("\nMake a migration for them: mvn postkit:start, postkit:plan, postkit:apply,"
                                + " postkit:commit.");
            }
            if (!drift.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append("Remote '").append(remote).append("' differs from"
                        + " what its applied migrations give (a change made by hand?). What would turn the migrations'"
                        + " result into the remote:").append(list(drift)).append("\nUndo the change on the remote, or"
                        + " put it in the schema files and deploy it as a migration.");
            }
            if (problem != null) {
                text.append(text.isEmpty() ? "" : "\n").append(problem);
            }
            return text.toString();
        }

        /** One JSON document, for CI scripts ({@code -Dpostkit.format=json}). */
        public String json() {
            return JsonStateFile.render(this);
        }

        private static String list(List<Difference> differences) {
            StringBuilder text = new StringBuilder();
            differences.forEach(d -> text.append("\n  ").append(d.sql().lines().findFirst().orElse("")));
            return text.toString();
        }
    }

    private final Project project;

    public CheckCommand(Workspace workspace) {
        this.project = new Project(workspace);
    }

    public Result run(Request request) {
        ProjectState state = project.state();
        List<MigrationFile> committed = state.committedMigrations();
        SchemaDirectory files = SchemaDirectory.read(project.settings().baseDir(), project.settings().schemaDir());
        ProjectScripts scripts = new ProjectScripts(files, project.settings().schemas(), project.log());
        RemoteConfig remote = request.remote() == null || request.remote().isBlank() ? null
                : project.settings().remote(request.remote());
        try (var lock = state.lock();
             Connection target = remote == null ? null : project.openRemote(remote)) {
            int major = request.pgVersion() != null ? request.pgVersion()
                    : target != null ? ServerVersion.of(target).major() : PostgresVersions.newestMajor();
            try (RunningServer server = project.localServer(major)) {
                LocalDatabases databases = project.databases(server);
                List<Difference> uncommitted = uncommitted(databases, files, scripts, committed);
                Result result = target == null ? new Result(committed.size(), null, uncommitted, List.of(), null)
                        : withDrift(databases, scripts, committed, remote, target, uncommitted);
                report(result);
                return result;
            }
        } catch (SQLException e) {
            throw new PostkitException("The check failed on the local server: " + e.getMessage(), e);
        }
    }

    private List<Difference> uncommitted(LocalDatabases databases, SchemaDirectory files, ProjectScripts scripts,
                                         List<MigrationFile> committed) throws SQLException {
        try (ThrowawayDatabase replay = databases.create(Purpose.CHECK); Connection replayed = replay.connect()) {
            new CommittedReplay(project, scripts).replay(replayed, committed);
            try (ShadowDatabase shadow = ShadowDatabase.build(databases, files, project.settings().schemas(),
                    Extensions.installedIn(replayed), project.log());
                 Connection desired = shadow.connect()) {
                CatalogReader.Sides sides = new CatalogReader().readBoth(replayed, desired,
                        project.settings().schemas(), Set.of(MigrationTable.DEFAULT_NAME));
                return differences(sides.current(), sides.desired(),
                        ShadowDatabase.ownerRule(desired, project.settings().manageOwners()));
            }
        }
    }

    /** The remote against a replay of the migrations it has applied; its own migrations must all be known here. */
    private Result withDrift(LocalDatabases databases, ProjectScripts scripts, List<MigrationFile> committed,
                             RemoteConfig remote, Connection target, List<Difference> uncommitted)
            throws SQLException {
        Map<String, String> applied = project.migrationTable().applied(target);
        List<String> unknown = applied.keySet().stream()
                .filter(v -> committed.stream().noneMatch(m -> m.version().equals(v))).toList();
        if (!unknown.isEmpty()) {
            return new Result(committed.size(), remote.name(), uncommitted, List.of(), "Remote '" + remote.name()
                    + "' holds migrations this checkout does not know (" + String.join(", ", unknown) + "), so its"
                    + " drift cannot be checked. Update the checkout (.postkit/db/migrations/, committed.json).");
        }
        try (ThrowawayDatabase replay = databases.create(Purpose.CHECK); Connection replayed = replay.connect()) {
            StubRoles.copy(target, replayed);
            new CommittedReplay(project, scripts).replay(replayed, committed.stream()
                    .filter(m -> applied.containsKey(m.version())).toList());
            Set<io.postkit.core.internal.model.QualifiedName> migrationTable = Set.of(MigrationTable.DEFAULT_NAME);
            SchemaModel expected = new CatalogReader().read(replayed, project.settings().schemas(), migrationTable);
            SchemaModel actual = new CatalogReader().read(target, project.settings().schemas(), migrationTable);
            // owners depend on who deployed; what is checked is what the migrations declare
            List<Difference> drift = differences(expected, actual, OwnerRule.IGNORED);
            return new Result(committed.size(), remote.name(), uncommitted, drift, null);
        }
    }

    private static List<Difference> differences(SchemaModel from, SchemaModel to, OwnerRule owners) {
        List<PlannedStatement> statements = SqlRenderer.renderAll(SchemaDiff.between(from, to, owners));
        return statements.stream().filter(s -> !s.equals(SqlRenderer.SKIP_BODY_CHECKS))
                .map(s -> new Difference(s.objectKind(), s.objectName(), s.sql())).toList();
    }

    private void report(Result result) {
        if (result.passed()) {
            project.log().info("Check passed: the " + result.committedMigrations() + " committed migration(s) give"
                    + " what the schema files hold" + (result.remote() == null ? "" : ", and remote '"
                    + result.remote() + "' holds what its applied migrations give") + ".");
        }
    }
}
