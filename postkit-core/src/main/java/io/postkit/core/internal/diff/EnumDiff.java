package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.EnumType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Enum types. Labels only added (in any position) become {@code ADD VALUE}; anything else (a label removed, the order
 * changed) recreates the type the long way, converting the columns that use it.
 */
final class EnumDiff {

    /** The changes, and {@code schema.table.column} of columns converted to a recreated type (views must follow). */
    record Result(List<SchemaChange> changes, Set<String> convertedColumns) {
    }

    private EnumDiff() {
    }

    static Result between(SchemaModel current, SchemaModel desired) {
        List<SchemaChange> changes = new ArrayList<>();
        Set<String> converted = new java.util.TreeSet<>();
        for (EnumType type : desired.enums().values()) {
            EnumType existing = current.enums().get(type.name());
            if (existing == null) {
                changes.add(new SchemaChange.CreateEnum(type));
            } else if (!existing.sameDefinition(type)) {
                if (onlyAdds(existing.labels(), type.labels())) {
                    changes.addAll(additions(type.name(), existing.labels(), type.labels()));
                } else {
                    SchemaChange.RecreateEnum recreate = recreate(existing, type, desired);
                    changes.add(recreate);
                    for (int i = 0; i < recreate.columnTables().size(); i++) {
                        converted.add(recreate.columnTables().get(i) + "." + recreate.columnsDesired().get(i).name());
                    }
                }
            }
        }
        for (EnumType type : current.enums().values()) {
            if (!desired.enums().containsKey(type.name())) {
                changes.add(new SchemaChange.DropEnum(type.name()));
            }
        }
        return new Result(changes, converted);
    }

    /** Whether {@code after} is {@code before} with labels inserted, the old ones keeping their order. */
    static boolean onlyAdds(List<String> before, List<String> after) {
        List<String> kept = after.stream().filter(before::contains).toList();
        return kept.equals(before);
    }

    /** Left to right, so every neighbour a new label is placed against exists by then. */
    private static List<SchemaChange> additions(QualifiedName type, List<String> before, List<String> after) {
        List<SchemaChange> changes = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            String label = after.get(i);
            if (before.contains(label)) {
                continue;
            }
            if (i > 0) {
                changes.add(new SchemaChange.AddEnumValue(type, label, false, after.get(i - 1)));
            } else {
                String firstKept = after.stream().filter(before::contains).findFirst().orElse(null);
                changes.add(new SchemaChange.AddEnumValue(type, label, firstKept != null, firstKept));
            }
        }
        return changes;
    }

    /** The columns to convert are those that use the type now and still exist in the desired schema. */
    private static SchemaChange.RecreateEnum recreate(EnumType existing, EnumType desiredType, SchemaModel desired) {
        List<Column> columns = new ArrayList<>();
        List<QualifiedName> tables = new ArrayList<>();
        for (ColumnRef ref : existing.usedBy()) {
            Table table = desired.tables().get(ref.table());
            if (table != null) {
                table.column(ref.column()).ifPresent(column -> {
                    columns.add(column);
                    tables.add(ref.table());
                });
            }
        }
        return new SchemaChange.RecreateEnum(desiredType, columns, tables);
    }
}
