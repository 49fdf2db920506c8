package io.postkit.core.diff;

import io.postkit.core.model.Index;
import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Indexes of one table, matched by name; a changed definition means drop and create. */
final class IndexDiff {

    private IndexDiff() {
    }

    static List<SchemaChange> between(Table current, Table desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Index index : desired.indexes()) {
            Optional<Index> existing = current.index(index.name());
            if (existing.isPresent() && existing.get().equals(index)) {
                continue;
            }
            existing.ifPresent(old -> changes.add(new SchemaChange.DropIndex(name(current, old))));
            changes.add(new SchemaChange.CreateIndex(desired.name(), index));
        }
        for (Index index : current.indexes()) {
            if (desired.index(index.name()).isEmpty()) {
                changes.add(new SchemaChange.DropIndex(name(current, index)));
            }
        }
        return changes;
    }

    /** An index lives in its table's schema. */
    private static QualifiedName name(Table table, Index index) {
        return QualifiedName.of(table.name().schema(), index.name());
    }
}
