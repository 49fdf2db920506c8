package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.Phase;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.sql.Identifiers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clones the managed schemas of a source database into an empty target with JDBC only: the schema comes from the
 * same model and renderer a plan uses (so a clone is exactly what postkit understands), rows stream with binary
 * COPY in parallel, and keys, indexes and foreign keys are built after the data, as pg_restore does.
 */
public final class NativeCloner {

    /** What was cloned. */
    public record Result(SchemaModel model, DataCopier.Result data) {
    }

    private final int workers;
    private final PostkitLog log;

    public NativeCloner(int workers, PostkitLog log) {
        this.workers = workers;
        this.log = log;
    }

    public Result clone(ConnectionSource source, ConnectionSource target, Collection<String> schemas)
            throws SQLException {
        return clone(source, target, schemas, true);
    }

    /** @param withData false: the schema only (tables stay empty) */
    public Result clone(ConnectionSource source, ConnectionSource target, Collection<String> schemas,
                        boolean withData) throws SQLException {
        try (Connection snapshotHolder = source.open(); Connection local = target.open()) {
            snapshotHolder.setAutoCommit(false);
            String snapshot = exportSnapshot(snapshotHolder);
            SchemaModel model = new CatalogReader().read(snapshotHolder, schemas, Set.of());
            List<TableData> tableData = tableData(snapshotHolder, schemas, model);
            List<SequenceValue> sequenceValues = sequenceValues(snapshotHolder, schemas);

            StubRoles.copy(snapshotHolder, local);
            SchemaModel baseline = new CatalogReader().read(local, schemas, Set.of());
            // Owners too: the clone is faithful, and a plan that manages owners starts from the real ones.
            List<SchemaChange> changes = SchemaDiff.between(baseline, model, OwnerRule.ALL);
            log.info("Creating " + model.tables().size() + " tables and " + model.sequences().size() + " sequences");
            execute(local, changes.stream().filter(c -> c.phase() == Phase.CREATE_SCHEMA).toList());
            Extensions.installedIn(snapshotHolder).installInto(local, schemas, "the local server");
            execute(local, changes.stream().filter(c -> c.phase().isPreData() && c.phase() != Phase.CREATE_SCHEMA)
                    .toList());

            DataCopier.Result data = withData
                    ? new DataCopier(source, target, workers, log).copy(tableData, snapshot)
                    : new DataCopier.Result(0, 0, 0, "schema only");
            if (withData) {
                log.info("Copied " + data.summary());
            }

            log.info("Building keys, indexes and foreign keys");
            execute(local, changes.stream().filter(c -> !c.phase().isPreData()).toList());
            if (withData) {
                setSequences(local, sequenceValues);
            }
            snapshotHolder.rollback();
            return new Result(model, data);
        }
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void execute(Connection c, List<SchemaChange> changes) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(SqlRenderer.SKIP_BODY_CHECKS.sql());
            for (SchemaChange change : changes) {
                s.execute(SqlRenderer.render(change).sql());
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * The tables that hold rows (not partitioned parents, whose rows live in their partitions), with every column
     * that can be written, inherited ones included, as the source has them.
     */
    private static List<TableData> tableData(Connection c, Collection<String> schemas, SchemaModel model)
            throws SQLException {
        List<TableData> tables = new ArrayList<>();
        String sql = "SELECT n.nspname, c.relname, pg_table_size(c.oid), ARRAY(SELECT a.attname FROM pg_attribute a"
                + "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
                + "   ORDER BY a.attnum)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname = ANY (?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, textArray(c, schemas));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QualifiedName name = QualifiedName.of(rs.getString(1), rs.getString(2));
                    if (model.tables().containsKey(name)) {
                        tables.add(new TableData(name, List.of((String[]) rs.getArray(4).getArray()),
                                rs.getLong(3)));
                    }
                }
            }
        }
        return tables;
    }

    /** A sequence's position; {@code owner} (table, column) is set for serial and identity sequences. */
    private record SequenceValue(QualifiedName sequence, QualifiedName ownerTable, String ownerColumn, long value,
                                 boolean called) {
    }

    private static List<SequenceValue> sequenceValues(Connection c, Collection<String> schemas) throws SQLException {
        List<SequenceValue> values = new ArrayList<>();
        String sql = "SELECT s.schemaname, s.sequencename, tn.nspname, t.relname, a.attname,"
                + " coalesce(s.last_value, s.start_value), s.last_value IS NOT NULL"
                + " FROM pg_sequences s"
                + " JOIN pg_class sc ON sc.relname = s.sequencename AND sc.relkind = 'S'"
                + " JOIN pg_namespace sn ON sn.oid = sc.relnamespace AND sn.nspname = s.schemaname"
                + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = sc.oid"
                + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                + " LEFT JOIN pg_class t ON t.oid = d.refobjid"
                + " LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE s.schemaname = ANY (?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, textArray(c, schemas));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QualifiedName owner = rs.getString(4) == null ? null
                            : QualifiedName.of(rs.getString(3), rs.getString(4));
                    values.add(new SequenceValue(QualifiedName.of(rs.getString(1), rs.getString(2)), owner,
                            rs.getString(5), rs.getLong(6), rs.getBoolean(7)));
                }
            }
        }
        return values;
    }

    /**
     * Sets each sequence to the source's position. Serial and identity sequences are found through their column,
     * since an identity sequence's generated name need not match the source's.
     */
    private static void setSequences(Connection c, List<SequenceValue> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        // One statement for all sequences: a large schema has thousands, and a round trip each adds up.
        String sql = "SELECT setval(coalesce(pg_get_serial_sequence(t, col), seq)::regclass, val, called)"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[]) AS x(t, col, seq, val, called)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", values.stream()
                    .map(v -> v.ownerTable() == null ? null : Identifiers.quote(v.ownerTable())).toArray()));
            ps.setArray(2, c.createArrayOf("text", values.stream().map(SequenceValue::ownerColumn).toArray()));
            ps.setArray(3, c.createArrayOf("text", values.stream().map(v -> Identifiers.quote(v.sequence()))
                    .toArray()));
            ps.setArray(4, c.createArrayOf("bigint", values.stream().map(SequenceValue::value).toArray()));
            ps.setArray(5, c.createArrayOf("boolean", values.stream().map(SequenceValue::called).toArray()));
            ps.executeQuery().close();
        }
    }

    private static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}
