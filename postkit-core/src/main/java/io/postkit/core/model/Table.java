package io.postkit.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table with its columns (in attnum order), constraints and indexes (each sorted by name).
 *
 * @param rowSecurity      {@code relrowsecurity}: ENABLE ROW LEVEL SECURITY
 * @param forceRowSecurity {@code relforcerowsecurity}: FORCE ROW LEVEL SECURITY (policies apply to the owner too)
 * @param unlogged         {@code relpersistence = 'u'}: not WAL-logged, emptied after a crash
 */
public record Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                    boolean rowSecurity, boolean forceRowSecurity, boolean unlogged) {

    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
    }

    /** A table without row-level security. */
    public Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        this(name, columns, constraints, indexes, false, false, false);
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
