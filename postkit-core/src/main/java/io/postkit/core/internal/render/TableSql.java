package io.postkit.core.internal.render;

import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Table;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Tables: created with their columns only; constraints and indexes are separate statements that follow. */
final class TableSql {

    private TableSql() {
    }

    static PlannedStatement create(Table table) {
        StringBuilder sql = new StringBuilder("CREATE ").append(table.unlogged() ? "UNLOGGED " : "")
                .append("TABLE ").append(quote(table.name()));
        if (table.isPartition()) {
            // A partition's columns are its parent's.
            sql.append(" PARTITION OF ").append(quote(table.partitionOf().parent())).append(' ')
                    .append(table.partitionOf().bound());
        } else {
            String columns = table.columns().stream().map(c -> "    " + ColumnSql.definition(c))
                    .collect(Collectors.joining(",\n"));
            sql.append(" (").append(columns.isEmpty() ? "" : "\n" + columns + "\n").append(')');
            if (!table.inherits().isEmpty()) {
                sql.append(" INHERITS (").append(table.inherits().stream().map(n -> quote(n))
                        .collect(Collectors.joining(", "))).append(')');
            }
        }
        if (table.partitionBy() != null) {
            sql.append(" PARTITION BY ").append(table.partitionBy());
        }
        if (!table.storageParameters().isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", table.storageParameters())).append(')');
        }
        return new PlannedStatement(sql.toString(), "table", table.name().toString(), Set.of(), true);
    }

    /** Switching persistence rewrites the table. */
    static PlannedStatement persistence(QualifiedName table, boolean unlogged) {
        return new PlannedStatement("ALTER TABLE " + quote(table) + " SET " + (unlogged ? "UNLOGGED" : "LOGGED"), "table",
                table.toString(), Set.of(Hazard.TABLE_REWRITE, Hazard.LONG_LOCK), true);
    }

    /** Storage parameters change for future writes (and vacuums); none rewrites the table by itself. */
    static PlannedStatement storageParameters(QualifiedName table, List<String> set, List<String> reset) {
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(quote(table));
        if (!set.isEmpty()) {
            sql.append(" SET (").append(String.join(", ", set)).append(')');
        }
        if (!reset.isEmpty()) {
            sql.append(set.isEmpty() ? "" : ",").append(" RESET (").append(String.join(", ", reset)).append(')');
        }
        return new PlannedStatement(sql.toString(), "table", table.toString(), Set.of(), true);
    }

    /**
     * Attaching scans the table to check the bound (unless a CHECK constraint already proves it) and, with a default
     * partition, scans that one too.
     */
    static PlannedStatement attach(QualifiedName table, Table.PartitionOf partitionOf) {
        return new PlannedStatement("ALTER TABLE " + quote(partitionOf.parent()) + " ATTACH PARTITION " + quote(table)
                + " " + partitionOf.bound(), "table", table.toString(), Set.of(Hazard.VALIDATION_SCAN), true);
    }

    /** Without CONCURRENTLY, detaching locks the parent (ACCESS EXCLUSIVE) for the statement. */
    static PlannedStatement detach(QualifiedName table, QualifiedName parent) {
        return new PlannedStatement("ALTER TABLE " + quote(parent) + " DETACH PARTITION " + quote(table), "table",
                table.toString(), Set.of(Hazard.LONG_LOCK), true);
    }

    static PlannedStatement drop(QualifiedName table) {
        return new PlannedStatement("DROP TABLE " + quote(table), "table", table.toString(), Set.of(Hazard.DATA_LOSS),
                true);
    }
}
