package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.QualifiedName;
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
        ByName.match(current.ranges(), desired.ranges(),
                wanted -> changes.add(new SchemaChange.CreateRange(wanted)),
                (existing, wanted) -> {
                    if (!existing.equals(wanted)) {
                        changes.add(new SchemaChange.DropRange(existing));
                        changes.add(new SchemaChange.CreateRange(wanted));
                        recreated.add(wanted.name());
                    }
                },
                gone -> changes.add(new SchemaChange.DropRange(gone)));
        return new Result(changes, recreated);
    }
}
