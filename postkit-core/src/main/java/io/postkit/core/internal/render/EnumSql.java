package io.postkit.core.internal.render;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.EnumType;
import io.postkit.core.internal.model.QualifiedName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.postkit.core.internal.sql.Identifiers.literal;
import static io.postkit.core.internal.sql.Identifiers.quote;

/** Enum types. */
final class EnumSql {

    private EnumSql() {
    }

    static PlannedStatement create(EnumType type) {
        return new PlannedStatement("CREATE TYPE " + quote(type.name()) + " AS ENUM (" + labels(type) + ")", "type",
                type.name().toString(), Set.of(), true);
    }

    static PlannedStatement drop(QualifiedName type) {
        return new PlannedStatement("DROP TYPE " + quote(type), "type", type.toString(), Set.of(), true);
    }

    /** A new label cannot be used in the transaction that adds it (PostgreSQL 12+ allows adding it in one). */
    static PlannedStatement addValue(SchemaChange.AddEnumValue add) {
        String position = add.neighbour() == null ? ""
                : (add.before() ? " BEFORE " : " AFTER ") + literal(add.neighbour());
        return new PlannedStatement("ALTER TYPE " + quote(add.type()) + " ADD VALUE " + literal(add.label())
                + position, "type", add.type().toString(), Set.of(), true);
    }

    /**
     * The long way: rename the old type, create the new one, convert every column through text (values the new
     * type lacks make this fail on real data, which is what applying to the clone is for), drop the old type.
     */
    static PlannedStatement recreate(SchemaChange.RecreateEnum change) {
        EnumType type = change.desired();
        QualifiedName old = QualifiedName.of(type.name().schema(), type.name().name() + "__postkit_old");
        List<String> sql = new ArrayList<>();
        sql.add("ALTER TYPE " + quote(type.name()) + " RENAME TO " + quote(old.name()));
        sql.add("CREATE TYPE " + quote(type.name()) + " AS ENUM (" + labels(type) + ")");
        for (int i = 0; i < change.columnsDesired().size(); i++) {
            Column column = change.columnsDesired().get(i);
            String table = quote(change.columnTables().get(i));
            String name = quote(column.name());
            String alter = "ALTER TABLE " + table + " ALTER COLUMN " + name + " DROP DEFAULT, ALTER COLUMN " + name
                    + " TYPE " + column.type() + " USING " + name + "::text::" + column.type();
            if (column.defaultExpression() != null) {
                alter += ", ALTER COLUMN " + name + " SET DEFAULT " + column.defaultExpression();
            }
            sql.add(alter);
        }
        sql.add("DROP TYPE " + quote(old));
        return new PlannedStatement(String.join(";\n", sql), "type", type.name().toString(),
                EnumSet.of(Hazard.DATA_LOSS, Hazard.TABLE_REWRITE, Hazard.LONG_LOCK), true);
    }

    private static String labels(EnumType type) {
        return type.labels().stream().map(l -> literal(l)).collect(Collectors.joining(", "));
    }
}
