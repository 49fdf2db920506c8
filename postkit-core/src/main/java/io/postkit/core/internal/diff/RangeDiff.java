package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.RangeType;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Range types: PostgreSQL cannot alter one, so a changed range type is dropped and created again. */
final class RangeDiff {

    /** The changes, and the range types dropped and created again (their comments and grants must follow). */
    record Result(List<SchemaChange> changes, Set<QualifiedName> recreated) {
    }

    private RangeDiff() {
    }

    static Result between(SchemaModel current, SchemaModel desired) {
        List<SchemaChange> changes = new ArrayList<>();
        Set<QualifiedName> recreated = new TreeSet<>();
        for (RangeType type : desired.ranges().values()) {
            RangeType existing = current.ranges().get(type.name());
            if (existing == null) {
                changes.add(new SchemaChange.CreateRange(type));
            } else if (!existing.equals(type)) {
                changes.add(new SchemaChange.DropRange(existing));
                changes.add(new SchemaChange.CreateRange(type));
                recreated.add(type.name());
            }
        }
        for (RangeType type : current.ranges().values()) {
            if (!desired.ranges().containsKey(type.name())) {
                changes.add(new SchemaChange.DropRange(type));
            }
        }
        return new Result(changes, recreated);
    }
}
