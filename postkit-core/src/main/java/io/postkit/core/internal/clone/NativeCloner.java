package io.postkit.core.internal.clone;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.Phase;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Clones the managed schemas of a source database into an empty target with JDBC only: the schema comes from the
 * same model and renderer a plan uses (so a clone is exactly what postkit understands), rows stream with binary
 * COPY in parallel, and keys, indexes and foreign keys are built after the data, in parallel, as pg_restore does.
 *
 * <p>The steps, each timed in the summary: read the source's catalog in one snapshot; create schemas, types,
 * tables and sequences in one transaction (statements sent in batches, not one round trip each); copy the selected
 * rows, each table family's keys and indexes built as soon as its rows are in; for a partial clone, copy the rows
 * that copied rows reference; add foreign keys on several connections; create views, triggers, policies,
 * privileges and comments; set sequence positions.
 */
public final class NativeCloner {

    /**
     * What was cloned, and how long each step took.
     *
     * @param tables       the tables cloned
     * @param fromTemplate whether the schema came from a kept template rather than being built
     */
    public record Result(int tables, DataCopier.Result data, String timings, boolean fromTemplate) {
    }

    /**
     * A copy of a template holds a schema and no rows; rows are loaded into its tables with their keys in place, which
     * pays only while they are few. Past this much data a clone is built, and no template kept of it.
     */
    static final long TEMPLATE_DATA_LIMIT_BYTES = 64L * 1024 * 1024;

    private final int workers;
    private final long unitBytes;
    private final PostkitLog log;

    public NativeCloner(int workers, PostkitLog log) {
        this(workers, DataCopier.UNIT_BYTES, log);
    }

    /** @param unitBytes the size of the block ranges big tables are copied in */
    NativeCloner(int workers, long unitBytes, PostkitLog log) {
        this.workers = Math.max(1, workers);
        this.unitBytes = unitBytes;
        this.log = log;
    }

    public Result clone(ConnectionSource source, ConnectionSource target, Collection<String> schemas)
            throws SQLException {
        return clone(source, target, schemas, CloneOptions.FULL);
    }

    /** @param withData false: the schema only (tables stay empty) */
    public Result clone(ConnectionSource source, ConnectionSource target, Collection<String> schemas,
                        boolean withData) throws SQLException {
        return clone(source, target, schemas, withData ? CloneOptions.FULL : new CloneOptions(true, List.of(), null));
    }

    public Result clone(ConnectionSource source, ConnectionSource target, Collection<String> schemas,
                        CloneOptions options) throws SQLException {
        try (SourceSnapshot snapshot = SourceSnapshot.open(source)) {
            return clone(snapshot, source, target, schemas, options);
        }
    }

    /** @param sourceSnapshot where to read the source (the workers read through {@code source}, in its snapshot) */
    public Result clone(SourceSnapshot sourceSnapshot, ConnectionSource source, ConnectionSource target,
                        Collection<String> schemas, CloneOptions options) throws SQLException {
        StepTimer timer = new StepTimer();
        Connection snapshotHolder = sourceSnapshot.connection();
        String snapshot = sourceSnapshot.id();
        try (Connection local = target.open()) {
            // The empty local database is read alongside: the diff starts from what a new database has.
            CatalogReader.Sides sides = new CatalogReader().readBoth(local, snapshotHolder, schemas, Set.of());
            SchemaModel model = sides.desired();
            DataSelection selection = new DataSelection(options);
            List<TableData> tableData = tableData(snapshotHolder, schemas, model.tables()::containsKey, selection);
            List<String> unmatched = selection.unmatchedPatterns(model.tables().keySet());
            if (!unmatched.isEmpty()) {
                log.warn("<clone><excludeData> pattern(s) matching no table of " + String.join(", ", schemas) + ": "
                        + String.join(", ", unmatched));
            }
            List<SequenceValue> sequenceValues = sequenceValues(snapshotHolder, schemas);
            List<ForeignKeyLink> links = options.copiesEverything() || options.schemaOnly() ? List.of()
                    : ForeignKeyLink.read(snapshotHolder, schemas);
            boolean splitTables = serverVersion(snapshotHolder) >= 140000;

            boolean tablesIndependent = tablesIndependent(snapshotHolder, schemas, model);
            timer.step("catalog read");

            StubRoles.copy(snapshotHolder, local);
            // Owners too: the clone is faithful, and a plan that manages owners starts from the real ones.
            List<SchemaChange> changes = SchemaDiff.between(sides.current(), model, OwnerRule.ALL);
            PreData pre = PreData.of(changes, model, tablesIndependent);
            timer.step("diff");
            log.info("Creating " + model.tables().size() + " tables and " + model.sequences().size() + " sequences");
            StatementBatch.run(local, pre.schemas());
            Extensions.installedIn(snapshotHolder).installInto(local, schemas, "the local server");
            StatementBatch.run(local, withBodyChecksOff(pre.beforeTables()));
            ParallelBatches.run(target, workers, pre.tableBatches(), "tables");
            StatementBatch.run(local, withBodyChecksOff(pre.afterTables()));
            timer.step("tables");

            Predicate<QualifiedName> complete = complete(tableData, model);
            PostData post = PostData.of(changes, model, complete, options.schemaOnly());
            Map<QualifiedName, QualifiedName> families = new TreeMap<>();
            model.tables().keySet().forEach(t -> families.put(t, PostData.familyOf(t, model)));
            DataCopier copier = new DataCopier(source, target, workers, splitTables, unitBytes, log);
            ForeignKeyClosure closure = new ForeignKeyClosure(links, complete);
            DataCopier.Result data;
            if (closure.needed()) {
                // Parents are added after the selected rows, before keys exist that would have to take them.
                data = copier.copy(tableData, snapshot, families, Map.of());
                data = withParents(data, closure, snapshotHolder, local);
                timer.step("data");
                copier.build(post.familyBuilds());
                timer.step("keys and indexes");
            } else {
                data = copier.copy(tableData, snapshot, families, post.familyBuilds());
                timer.step(options.schemaOnly() ? "keys and indexes" : "data, keys and indexes");
            }
            if (!options.schemaOnly()) {
                log.info("Copied " + data.summary());
            }

            ParallelBatches.run(target, workers, post.foreignKeyBatches(), "foreign keys");
            timer.step("foreign keys");
            StatementBatch.run(local, withBodyChecksOff(post.rest()));
            setSequences(local, sequenceValues);
            timer.step("views, triggers, grants, sequences");
            log.info("Clone steps: " + timer);
            return new Result(model.tables().size(), data, timer.toString(), false);
        }
    }

    /**
     * Whether a clone of the source with {@code options} may come from a template, and so whether a template of it is
     * worth keeping: its rows are few, and no trigger of it would fire while they are loaded into tables that have
     * their triggers already.
     */
    public boolean mayUseTemplate(SourceSnapshot snapshot, Collection<String> schemas, CloneOptions options)
            throws SQLException {
        if (options.schemaOnly()) {
            return true;
        }
        Connection c = snapshot.connection();
        return options.copiesEverything() && dataBytes(c, schemas) <= TEMPLATE_DATA_LIMIT_BYTES
                && !hasTriggersFiringOnLoad(c, schemas);
    }

    /**
     * Completes a clone whose schema came from a template ({@code CREATE DATABASE … TEMPLATE}) made at the stamp of
     * {@code sourceSnapshot}: the rows, loaded with the tables' keys in place and their triggers and foreign keys not
     * firing (the rows come from one snapshot of a database where the keys hold), stub roles and sequence positions.
     */
    public Result fill(SourceSnapshot sourceSnapshot, ConnectionSource source, ConnectionSource target,
                       Collection<String> schemas, CloneOptions options) throws SQLException {
        StepTimer timer = new StepTimer();
        Connection snapshotHolder = sourceSnapshot.connection();
        try (Connection local = target.open()) {
            Set<QualifiedName> tables = clonedTables(local, schemas);
            List<TableData> tableData = tableData(snapshotHolder, schemas, tables::contains,
                    new DataSelection(options));
            List<SequenceValue> sequenceValues = sequenceValues(snapshotHolder, schemas);
            timer.step("tables to fill");
            StubRoles.copy(snapshotHolder, local);
            ConnectionSource loading = () -> {
                Connection c = target.open();
                try (Statement s = c.createStatement()) {
                    s.execute("SET session_replication_role = replica");
                }
                return c;
            };
            DataCopier.Result data = new DataCopier(source, loading, workers, false, unitBytes, false, log)
                    .copy(tableData, sourceSnapshot.id(), Map.of(), Map.of());
            if (!options.schemaOnly()) {
                log.info("Copied " + data.summary());
            }
            timer.step("data");
            setSequences(local, sequenceValues);
            timer.step("sequences");
            log.info("Clone steps (schema from a template): " + timer);
            return new Result(tables.size(), data, timer.toString(), true);
        }
    }

    /** The tables a clone made in {@code schemas}: all but those an extension made. */
    private static Set<QualifiedName> clonedTables(Connection local, Collection<String> schemas) throws SQLException {
        String sql = "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_depend d"
                + " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')";
        return new TreeSet<>(query(local, sql, schemas, rs -> QualifiedName.of(rs.getString(1), rs.getString(2))));
    }

    private static long dataBytes(Connection c, Collection<String> schemas) throws SQLException {
        String sql = "SELECT coalesce(sum(pg_table_size(c.oid)), 0) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = ANY (?)";
        return query(c, sql, schemas, rs -> rs.getLong(1)).get(0);
    }

    /** Triggers that fire in {@code session_replication_role = replica}: enabled ALWAYS or REPLICA. */
    private static boolean hasTriggersFiringOnLoad(Connection c, Collection<String> schemas) throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT t.tgisinternal AND t.tgenabled IN ('A', 'R') AND n.nspname = ANY (?))";
        return query(c, sql, schemas, rs -> rs.getBoolean(1)).get(0);
    }

    /**
     * Whether every row of a table is in the clone once the selected rows are (a table without pages has none to
     * copy); a partitioned one, of every leaf.
     */
    private static Predicate<QualifiedName> complete(List<TableData> tableData, SchemaModel model) {
        Map<QualifiedName, Boolean> whole = new TreeMap<>();
        tableData.forEach(t -> whole.put(t.table(), t.isEmpty() || t.selection() instanceof RowSelection.All));
        return new Predicate<>() {
            @Override
            public boolean test(QualifiedName table) {
                Boolean own = whole.get(table);
                if (own != null) {
                    return own;
                }
                return model.tables().values().stream()
                        .filter(t -> t.isPartition() && t.partitionOf().parent().equals(table))
                        .allMatch(t -> test(t.name()));
            }
        };
    }

    private DataCopier.Result withParents(DataCopier.Result data, ForeignKeyClosure closure, Connection snapshotHolder,
                                          Connection local) throws SQLException {
        local.setAutoCommit(false);
        Map<QualifiedName, Long> added;
        try {
            added = closure.close(new TableCopier(snapshotHolder, local, new CopyProgress(log, 0, 0)), local);
        } finally {
            local.setAutoCommit(true);
        }
        if (added.isEmpty()) {
            return data;
        }
        long rows = added.values().stream().mapToLong(Long::longValue).sum();
        log.info(String.format(Locale.ROOT, "Copied %,d more row(s) that copied rows reference, so every foreign key"
                + " holds: %s", rows, added));
        Map<QualifiedName, Long> tableRows = new TreeMap<>(data.tableRows());
        added.forEach((table, count) -> tableRows.merge(table, count, Long::sum));
        return new DataCopier.Result(data.rows() + rows, data.bytes(), data.seconds(), data.summary()
                + String.format(Locale.ROOT, "; %,d more row(s) that copied rows reference", rows), tableRows);
    }

    private static List<String> render(java.util.stream.Stream<SchemaChange> changes) {
        return changes.map(c -> SqlRenderer.render(c).sql()).toList();
    }

    private static List<String> withBodyChecksOff(List<String> statements) {
        if (statements.isEmpty()) {
            return statements;
        }
        List<String> all = new ArrayList<>();
        all.add(SqlRenderer.SKIP_BODY_CHECKS.sql());
        all.addAll(statements);
        return all;
    }

    /**
     * Whether the tables can be created in separate transactions: not when a table inherits from several parents
     * (which may be in other batches), nor when a column is of a table's or view's row type (which must exist
     * first).
     */
    private static boolean tablesIndependent(Connection c, Collection<String> schemas, SchemaModel model)
            throws SQLException {
        if (model.tables().values().stream().anyMatch(t -> t.inherits().size() > 1)) {
            return false;
        }
        String sql = "SELECT NOT EXISTS (SELECT 1 FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typlen = -1"
                + " JOIN pg_class r ON r.oid IN (t.typrelid, e.typrelid) AND r.relkind <> 'c'"
                + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = ANY (?))";
        return query(c, sql, schemas, rs -> rs.getBoolean(1)).get(0);
    }

    private static int serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The tables that hold rows (not partitioned parents, whose rows live in their partitions), with every column
     * that can be written, inherited ones included, as the source has them, and the rows to copy of each.
     */
    private static List<TableData> tableData(Connection c, Collection<String> schemas, Predicate<QualifiedName> cloned,
                                             DataSelection selection) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, pg_table_size(c.oid),"
                + " pg_relation_size(c.oid) / current_setting('block_size')::bigint,"
                + " ARRAY(SELECT a.attname::text FROM pg_attribute a"
                + "   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
                + "   ORDER BY a.attnum)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname = ANY (?)";
        List<TableData> tables = new ArrayList<>();
        for (TableData table : query(c, sql, schemas, rs -> {
            QualifiedName name = QualifiedName.of(rs.getString(1), rs.getString(2));
            return new TableData(name, List.of((String[]) rs.getArray(5).getArray()), rs.getLong(3), rs.getLong(4),
                    selection.of(name));
        })) {
            if (cloned.test(table.table())) {
                tables.add(table);
            }
        }
        return tables;
    }

    /** A sequence's position; {@code owner} (table, column) is set for serial and identity sequences. */
    private record SequenceValue(QualifiedName sequence, QualifiedName ownerTable, String ownerColumn, long value,
                                 boolean called) {
    }

    private static List<SequenceValue> sequenceValues(Connection c, Collection<String> schemas) throws SQLException {
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
        return query(c, sql, schemas, rs -> new SequenceValue(QualifiedName.of(rs.getString(1), rs.getString(2)),
                rs.getString(4) == null ? null : QualifiedName.of(rs.getString(3), rs.getString(4)), rs.getString(5),
                rs.getLong(6), rs.getBoolean(7)));
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
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[])"
                + " AS x(t, col, seq, val, called)";
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

    /** One row of a catalog query. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows of {@code sql}, whose one parameter is the managed schemas. */
    private static <T> List<T> query(Connection c, String sql, Collection<String> schemas, Row<T> row)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
        }
        return rows;
    }
}
