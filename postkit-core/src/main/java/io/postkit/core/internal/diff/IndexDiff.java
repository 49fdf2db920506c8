package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Indexes of one table or materialized view, matched by name; a changed definition means drop and create. */
final class IndexDiff {

    private IndexDiff() {
    }

    static List<SchemaChange> between(Table current, Table desired) {
        return between(desired.name(), current.indexes(), desired.indexes());
    }

    /** The indexes of one relation (a table, or a materialized view). */
    static List<SchemaChange> between(QualifiedName relation, List<Index> current, List<Index> desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Index index : desired) {
            Optional<Index> existing = current.stream().filter(i -> i.name().equals(index.name())).findFirst();
            if (existing.isPresent() && existing.get().equals(index)) {
                continue;
            }
            existing.ifPresent(old -> changes.add(new SchemaChange.DropIndex(name(relation, old))));
            changes.add(new SchemaChange.CreateIndex(relation, index));
        }
        for (Index index : current) {
            if (desired.stream().noneMatch(i -> i.name().equals(index.name()))) {
                changes.add(new SchemaChange.DropIndex(name(relation, index)));
            }
        }
        return changes;
    }

    /** An index lives in its relation's schema. */
    private static QualifiedName name(QualifiedName relation, Index index) {
        return QualifiedName.of(relation.schema(), index.name());
    }
}
