package io.postkit.core.diff;

import io.postkit.core.model.Constraint;
import io.postkit.core.model.ConstraintType;
import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.SchemaModel;
import io.postkit.core.model.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A primary key or unique constraint cannot be dropped while a foreign key depends on it. When the diff drops one
 * (removed, or changed and re-added), every foreign key that references its table and survives is dropped before it
 * and added back after it. The dependency comes from {@code confrelid}, the catalog's own record.
 */
final class ForeignKeyRebuild {

    private ForeignKeyRebuild() {
    }

    static List<SchemaChange> around(List<SchemaChange> changes, SchemaModel current, SchemaModel desired) {
        Set<QualifiedName> keyDropped = new HashSet<>();
        Set<String> alreadyDropped = new HashSet<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.DropConstraint drop) {
                ConstraintType type = drop.constraint().type();
                if (type == ConstraintType.PRIMARY_KEY || type == ConstraintType.UNIQUE) {
                    keyDropped.add(drop.table());
                }
                alreadyDropped.add(drop.table() + "." + drop.constraint().name());
            }
        }
        List<SchemaChange> rebuild = new ArrayList<>();
        for (Table table : current.tables().values()) {
            Table survivor = desired.tables().get(table.name());
            if (survivor == null) {
                continue;
            }
            for (Constraint fk : table.constraints()) {
                boolean dependsOnDroppedKey = fk.type() == ConstraintType.FOREIGN_KEY
                        && keyDropped.contains(fk.referencedTable());
                if (dependsOnDroppedKey && !alreadyDropped.contains(table.name() + "." + fk.name())) {
                    rebuild.add(new SchemaChange.DropConstraint(table.name(), fk));
                    survivor.constraint(fk.name()).ifPresent(
                            kept -> rebuild.add(new SchemaChange.AddConstraint(table.name(), kept)));
                }
            }
        }
        return rebuild;
    }
}
