package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Constraints of one table, matched by name. PostgreSQL cannot alter a constraint's definition, so a changed one is
 * dropped and added again.
 */
final class ConstraintDiff {

    private ConstraintDiff() {
    }

    static List<SchemaChange> between(Table current, Table desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Constraint constraint : desired.constraints()) {
            Optional<Constraint> existing = current.constraint(constraint.name());
            if (existing.isPresent() && existing.get().equals(constraint)) {
                continue;
            }
            existing.ifPresent(old -> changes.add(new SchemaChange.DropConstraint(current.name(), old)));
            changes.add(new SchemaChange.AddConstraint(desired.name(), constraint));
        }
        for (Constraint constraint : current.constraints()) {
            if (desired.constraint(constraint.name()).isEmpty()) {
                changes.add(new SchemaChange.DropConstraint(current.name(), constraint));
            }
        }
        return changes;
    }
}
