package io.postkit.core.internal.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table with its columns (in attnum order), constraints and indexes (each sorted by name).
 *
 * <p>A partition holds no columns of its own here: PostgreSQL gives it exactly its parent's, and ALTERs of them go
 * through the parent. Its constraints and indexes are only those it has beyond the ones cloned from its parent's
 * (those follow the parent's). An inheritance child likewise holds only its local columns and constraints.
 *
 * @param rowSecurity       {@code relrowsecurity}: ENABLE ROW LEVEL SECURITY
 * @param forceRowSecurity  {@code relforcerowsecurity}: FORCE ROW LEVEL SECURITY (policies apply to the owner too)
 * @param unlogged          {@code relpersistence = 'u'}: not WAL-logged, emptied after a crash
 * @param partitionBy       a partitioned table's key as {@code pg_get_partkeydef} prints it
 *                          ({@code RANGE (created_at)}), or null
 * @param partitionOf       the parent and bound of a partition, or null
 * @param inherits          parents of an inheritance child (not of a partition), in declaration order
 * @param storageParameters {@code reloptions} ({@code fillfactor=70}), sorted
 */
public record Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                    boolean rowSecurity, boolean forceRowSecurity, boolean unlogged, String partitionBy,
                    PartitionOf partitionOf, List<QualifiedName> inherits, List<String> storageParameters) {

    /** The parent of a partition and its bound as {@code pg_get_expr(relpartbound)} prints it. */
    public record PartitionOf(QualifiedName parent, String bound) {
        public PartitionOf {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(bound, "bound");
        }
    }

    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        inherits = List.copyOf(inherits);
        storageParameters = List.copyOf(storageParameters);
    }

    /** A plain table: no row-level security, logged, not partitioned or inherited, no storage parameters. */
    public Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        this(name, columns, constraints, indexes, false, false, false, null, null, List.of(), List.of());
    }

    public Table withColumns(List<Column> newColumns) {
        return withContents(newColumns, constraints, indexes);
    }

    /** This table's properties with these columns, constraints and indexes. */
    public Table withContents(List<Column> newColumns, List<Constraint> newConstraints, List<Index> newIndexes) {
        return new Table(name, newColumns, newConstraints, newIndexes, rowSecurity, forceRowSecurity, unlogged,
                partitionBy, partitionOf, inherits, storageParameters);
    }

    public boolean isPartition() {
        return partitionOf != null;
    }

    /** The tables this one is created under: a partition's parent, or an inheritance child's parents. */
    public List<QualifiedName> parents() {
        return partitionOf != null ? List.of(partitionOf.parent()) : inherits;
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Optional<Constraint> constraint(String constraintName) {
        return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }
}
