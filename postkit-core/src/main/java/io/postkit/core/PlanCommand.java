package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.ProjectState;
import io.postkit.core.internal.workflow.LocalClone;
import io.postkit.core.internal.workflow.SessionRecovery;
import io.postkit.core.internal.workflow.ServerVersion;
import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.plan.Fingerprints;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.render.RenderOptions;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.shadow.ShadowDatabase;
import io.postkit.core.internal.state.SessionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code postkit:plan}: builds the desired state from the schema files in a shadow database, compares it with the
 * local clone, and records the migration that would turn one into the other.
 */
public final class PlanCommand {

    private final Project project;
    private final Clock clock;

    public PlanCommand(Workspace workspace, Clock clock) {
        this.project = new Project(workspace);
        this.clock = clock;
    }

    public PlanDocument run() {
        ProjectState state = project.state();
        try (var lock = project.lock()) {
            SessionState session = state.requireSession("plan");
            SchemaDirectory files = SchemaDirectory.read(project.settings().baseDir(),
                    project.settings().schemaDir());
            try (RunningServer server = project.localServer(session.remoteMajor())) {
                LocalClone clone = LocalClone.of(project, server, session);
                session = new SessionRecovery(project).reconcile(clone, session);
                PlanDocument plan = plan(clone, files);
                state.savePlan(plan);
                if (!plan.isEmpty()) {
                    state.saveSession(session.planned());
                }
                project.log().info(PlanText.summary(plan));
                if (!plan.isEmpty()) {
                    project.log().info("Wrote .postkit/db/plan.sql. Run mvn postkit:apply to apply it to the local"
                            + " clone.");
                }
                return plan;
            } catch (SQLException e) {
                throw new PostkitException("Planning failed on the local server: " + e.getMessage(), e);
            }
        }
    }

    /** The plan as one JSON document ({@code -Dpostkit.format=json}): what plan.json holds. */
    public static String json(PlanDocument plan) {
        return io.postkit.core.internal.state.JsonStateFile.render(plan);
    }

    /** Planning without them would silently drop or ignore them: refuse, naming each. */
    private static void refuseUnsupported(List<String> objects) {
        if (!objects.isEmpty()) {
            throw new PostkitException("The schema files declare objects this version of postkit does not manage yet:"
                    + "\n  " + String.join("\n  ", objects) + "\nKeep them out of the schema files for now: put"
                    + " extensions and roles in infra/.");
        }
    }

    /** One connection to the clone for all of it: its extensions, its catalog, its version, its empty tables. */
    private PlanDocument plan(LocalClone clone, SchemaDirectory files) throws SQLException {
        try (Connection cloneConnection = clone.connect();
             ShadowDatabase shadow = ShadowDatabase.build(clone.databases(), files, project.settings().schemas(),
                     Extensions.installedIn(cloneConnection), project.log());
             Connection shadowConnection = shadow.connect()) {
            refuseUnsupported(new CatalogReader().unsupportedObjects(shadowConnection,
                    project.settings().schemas()));
            CatalogReader.Sides sides = new CatalogReader().readBoth(cloneConnection, shadowConnection,
                    project.settings().schemas(), Set.of(MigrationTable.DEFAULT_NAME));
            SchemaModel current = sides.current();
            SchemaModel desired = sides.desired();
            OwnerRule owners = ShadowDatabase.ownerRule(shadowConnection, project.settings().manageOwners());
            Fingerprints fingerprints = new Fingerprints(files.fingerprint(), SchemaFingerprint.of(current),
                    SchemaFingerprint.of(desired));
            List<SchemaChange> changes = SchemaDiff.between(current, desired, owners);
            return new PlanDocument(PlanDocument.FORMAT_VERSION, clock.instant(),
                    ServerVersion.of(cloneConnection).display(), fingerprints,
                    SqlRenderer.renderAll(changes, renderOptions(cloneConnection, current, changes)),
                    SqlRenderer.renderAll(SchemaDiff.between(desired, current, owners)));
        }
    }

    private RenderOptions renderOptions(Connection clone, SchemaModel current, List<SchemaChange> changes)
            throws SQLException {
        Set<QualifiedName> partitioned = current.tables().values().stream().filter(t -> t.partitionBy() != null)
                .map(Table::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        return new RenderOptions(project.settings().online(), partitioned,
                emptyTables(clone, SqlRenderer.tablesWithRowHazards(changes)));
    }

    /**
     * Which of {@code tables} hold no rows on the clone (partitions and inheritance children counted): the clone
     * has the remote's data, so a hazard that depends on rows is only shown where there are rows.
     */
    private static Set<QualifiedName> emptyTables(Connection clone, Set<QualifiedName> tables) throws SQLException {
        Set<QualifiedName> empty = new java.util.TreeSet<>();
        List<QualifiedName> all = List.copyOf(tables);
        // One round trip per thousand tables: a select list holds at most 1,664 columns.
        for (int from = 0; from < all.size(); from += 1000) {
            List<QualifiedName> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            String sql = "SELECT " + chunk.stream().map(t -> "EXISTS (SELECT 1 FROM "
                    + io.postkit.core.internal.sql.Identifiers.quote(t) + ")").collect(java.util.stream.Collectors.joining(", "));
            try (java.sql.Statement s = clone.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                for (int i = 0; i < chunk.size(); i++) {
                    if (!rs.getBoolean(i + 1)) {
                        empty.add(chunk.get(i));
                    }
                }
            }
        }
        return empty;
    }
}
