package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The changes within one table that exists on both sides: partitioning, columns, persistence and storage
 * parameters, then constraints and indexes.
 */
final class TableDiff {

    private TableDiff() {
    }

    /**
     * Both tables come with their columns as they are (or are to be) in the database even when they are partitions,
     * whose models hold none: a partition that leaves its parent keeps them, a table that becomes one must first
     * match its parent's.
     */
    static List<SchemaChange> between(Table current, Table desired) {
        refuseInexpressible(current, desired);
        List<SchemaChange> changes = new ArrayList<>(partitionOf(current, desired));
        if (!current.isPartition() || !desired.isPartition()) {
            changes.addAll(columns(current, desired));
        } else {
            changes.addAll(partitionColumns(current, desired));
        }
        if (current.unlogged() != desired.unlogged()) {
            changes.add(new SchemaChange.SetPersistence(desired.name(), desired.unlogged()));
        }
        storageParameters(current, desired).ifPresent(changes::add);
        changes.addAll(ConstraintDiff.between(current, desired));
        changes.addAll(IndexDiff.between(current, desired));
        return changes;
    }

    /** PostgreSQL cannot change a partition key or an inheritance child's parents in place. */
    private static void refuseInexpressible(Table current, Table desired) {
        if (!Objects.equals(current.partitionBy(), desired.partitionBy())) {
            throw new PostkitException("Table " + desired.name() + ": its partitioning changes from "
                    + describe(current.partitionBy()) + " to " + describe(desired.partitionBy())
                    + ", which PostgreSQL cannot alter in place. Write a manual migration that creates the new table,"
                    + " moves the rows and swaps the names.");
        }
        if (!current.inherits().equals(desired.inherits())) {
            throw new PostkitException("Table " + desired.name() + ": its inheritance parents change from "
                    + current.inherits() + " to " + desired.inherits() + ", which postkit does not plan yet."
                    + " Write a manual migration (ALTER TABLE … INHERIT / NO INHERIT).");
        }
    }

    private static String describe(String partitionBy) {
        return partitionBy == null ? "not partitioned" : "PARTITION BY " + partitionBy;
    }

    private static List<SchemaChange> partitionOf(Table current, Table desired) {
        if (Objects.equals(current.partitionOf(), desired.partitionOf())) {
            return List.of();
        }
        List<SchemaChange> changes = new ArrayList<>();
        if (current.isPartition()) {
            changes.add(new SchemaChange.DetachPartition(current.name(), current.partitionOf().parent()));
        }
        if (desired.isPartition()) {
            changes.add(new SchemaChange.AttachPartition(desired.name(), desired.partitionOf()));
        }
        return changes;
    }

    private static java.util.Optional<SchemaChange> storageParameters(Table current, Table desired) {
        List<String> set = desired.storageParameters().stream()
                .filter(p -> !current.storageParameters().contains(p)).toList();
        List<String> reset = current.storageParameters().stream().map(TableDiff::parameterName)
                .filter(n -> desired.storageParameters().stream().noneMatch(p -> parameterName(p).equals(n)))
                .toList();
        if (set.isEmpty() && reset.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SchemaChange.SetStorageParameters(desired.name(), set, reset));
    }

    private static String parameterName(String parameter) {
        int eq = parameter.indexOf('=');
        return eq < 0 ? parameter : parameter.substring(0, eq);
    }

    /**
     * A partition's own defaults and NOT NULL ({@code current} as its parent's changes leave it): the rest of its
     * columns is its parent's.
     */
    static List<SchemaChange> partitionColumns(Table current, Table desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Column column : desired.columns()) {
            current.column(column.name()).filter(existing -> !existing.equals(column)).ifPresent(existing ->
                    changes.add(new SchemaChange.AlterPartitionColumn(desired.name(), existing, column)));
        }
        return changes;
    }

    private static List<SchemaChange> columns(Table current, Table desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Column column : desired.columns()) {
            current.column(column.name()).ifPresentOrElse(
                    existing -> {
                        ColumnDiff.refuseInexpressible(desired, existing, column);
                        if (ColumnDiff.differs(existing, column)) {
                            changes.add(new SchemaChange.AlterColumn(desired.name(), existing, column));
                        }
                    },
                    () -> changes.add(new SchemaChange.AddColumn(desired.name(), column)));
        }
        for (Column column : current.columns()) {
            if (desired.column(column.name()).isEmpty()) {
                changes.add(new SchemaChange.DropColumn(current.name(), column.name()));
            }
        }
        return changes;
    }
}
