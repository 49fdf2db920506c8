package io.postkit.core.diff;

import io.postkit.core.model.Column;
import io.postkit.core.model.Table;

import java.util.ArrayList;
import java.util.List;

/** The changes within one table that exists on both sides: columns, then constraints and indexes. */
final class TableDiff {

    private TableDiff() {
    }

    static List<SchemaChange> between(Table current, Table desired) {
        List<SchemaChange> changes = new ArrayList<>(columns(current, desired));
        if (current.unlogged() != desired.unlogged()) {
            changes.add(new SchemaChange.SetPersistence(desired.name(), desired.unlogged()));
        }
        changes.addAll(ConstraintDiff.between(current, desired));
        changes.addAll(IndexDiff.between(current, desired));
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
