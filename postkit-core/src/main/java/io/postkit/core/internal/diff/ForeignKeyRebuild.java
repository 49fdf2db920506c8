package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A primary key, unique constraint or unique index cannot be dropped while a foreign key depends on it. When the
 * diff drops one (removed, or changed and re-added), every foreign key that references its table and survives is
 * dropped before it and added back after it. The dependency comes from {@code confrelid}, the catalog's own record.
 */
final class ForeignKeyRebuild {

    private ForeignKeyRebuild() {
    }

    static List<SchemaChange> around(List<SchemaChange> changes, SchemaModel current, SchemaModel desired) {
        Set<QualifiedName> keyDropped = new TreeSet<>();
        Set<String> alreadyDropped = new TreeSet<>();
        Map<QualifiedName, QualifiedName> uniqueIndexTables = uniqueIndexTables(current);
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.DropConstraint drop) {
                ConstraintType type = drop.constraint().type();
                if (type == ConstraintType.PRIMARY_KEY || type == ConstraintType.UNIQUE) {
                    keyDropped.add(drop.table());
                }
                alreadyDropped.add(drop.table() + "." + drop.constraint().name());
            } else if (change instanceof SchemaChange.DropIndex drop && uniqueIndexTables.containsKey(drop.index())) {
                keyDropped.add(uniqueIndexTables.get(drop.index()));
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

    /**
     * A foreign key may reference columns that only a unique index (no constraint) makes unique: that index cannot be
     * dropped under it either. Indexes live in their table's schema, so the index's qualified name finds the table.
     */
    private static Map<QualifiedName, QualifiedName> uniqueIndexTables(SchemaModel current) {
        Map<QualifiedName, QualifiedName> tables = new TreeMap<>();
        for (Table table : current.tables().values()) {
            table.indexes().stream().filter(i -> i.definition().startsWith("CREATE UNIQUE INDEX"))
                    .forEach(i -> tables.put(QualifiedName.of(table.name().schema(), i.name()), table.name()));
        }
        return tables;
    }
}
