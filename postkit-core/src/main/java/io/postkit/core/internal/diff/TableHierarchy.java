package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Partitions under their parents. */
final class TableHierarchy {

    private TableHierarchy() {
    }

    /**
     * The columns a table has in the database: a partition's are its parent's (all the way up), with its own
     * defaults and NOT NULL where its model has them.
     */
    static List<Column> columnsOf(SchemaModel model, Table table) {
        return columnsOf(model, table, model.tables().size());
    }

    private static List<Column> columnsOf(SchemaModel model, Table table, int hopsLeft) {
        Table parent = table.isPartition() ? model.tables().get(table.partitionOf().parent()) : null;
        if (parent == null || hopsLeft == 0) {
            return table.columns();
        }
        List<Column> columns = new ArrayList<>();
        for (Column inherited : columnsOf(model, parent, hopsLeft - 1)) {
            columns.add(table.column(inherited.name()).map(own -> withOwnSettings(inherited, own)).orElse(inherited));
        }
        return columns;
    }

    /**
     * The columns a partition that stays one has once its parent's columns are changed: a parent's ALTER COLUMN
     * reaches its partitions, so where the parent's default or NOT NULL changes, the partition gets the parent's new
     * one; elsewhere it keeps its own. Its own changes start from these.
     */
    static List<Column> columnsAfterParentChanges(SchemaModel current, SchemaModel desired, Table partition) {
        Table currentParent = current.tables().get(partition.partitionOf().parent());
        Table desiredParent = desired.tables().get(partition.partitionOf().parent());
        if (currentParent == null || desiredParent == null) {
            return columnsOf(current, partition);
        }
        List<Column> before = columnsOf(current, currentParent);
        List<Column> kept = columnsOf(current, partition);
        List<Column> columns = new ArrayList<>();
        for (Column parentColumn : columnsOf(desired, desiredParent)) {
            Optional<Column> old = find(before, parentColumn.name());
            Optional<Column> own = find(kept, parentColumn.name());
            if (old.isEmpty() || own.isEmpty()) {
                columns.add(parentColumn);
                continue;
            }
            boolean defaultReached = !Objects.equals(old.get().defaultExpression(), parentColumn.defaultExpression());
            boolean notNullReached = old.get().notNull() != parentColumn.notNull();
            columns.add(new Column(parentColumn.name(), parentColumn.type(),
                    notNullReached ? parentColumn.notNull() : own.get().notNull(),
                    defaultReached ? parentColumn.defaultExpression() : own.get().defaultExpression(),
                    parentColumn.identity(), parentColumn.identityOptions(), parentColumn.collation(),
                    parentColumn.generated()));
        }
        return columns;
    }

    /** A parent's column with a partition's own default and NOT NULL. */
    private static Column withOwnSettings(Column inherited, Column own) {
        return new Column(inherited.name(), inherited.type(), own.notNull(), own.defaultExpression(),
                inherited.identity(), inherited.identityOptions(), inherited.collation(), inherited.generated());
    }

    private static Optional<Column> find(List<Column> columns, String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
