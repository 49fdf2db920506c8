package io.postkit.core.internal.render;

import io.postkit.core.internal.diff.ColumnDiff;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Generated;
import io.postkit.core.internal.model.Identity;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SequenceOptions;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Columns: their definition in CREATE TABLE / ADD COLUMN, and every difference as one ALTER TABLE. */
final class ColumnSql {

    private ColumnSql() {
    }

    static String definition(Column c) {
        StringBuilder sql = new StringBuilder(quote(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sql.append(" COLLATE ").append(c.collation());
        }
        if (c.generated() != Generated.NONE) {
            sql.append(" GENERATED ALWAYS AS (").append(c.defaultExpression()).append(')')
                    .append(c.generated() == Generated.STORED ? " STORED" : " VIRTUAL");
        } else if (c.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (c.notNull()) {
            sql.append(" NOT NULL");
        }
        if (c.identity() != Identity.NONE) {
            sql.append(' ').append(identity(c));
        }
        return sql.toString();
    }

    static PlannedStatement add(QualifiedName table, Column column) {
        Set<Hazard> hazards = column.identity() != Identity.NONE || column.generated() == Generated.STORED
                ? EnumSet.of(Hazard.TABLE_REWRITE, Hazard.LONG_LOCK) : EnumSet.noneOf(Hazard.class);
        return statement("ALTER TABLE " + quote(table) + " ADD COLUMN " + definition(column), table, column, hazards);
    }

    static PlannedStatement drop(QualifiedName table, String column) {
        return new PlannedStatement("ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(column), "column",
                table + "." + column, Set.of(Hazard.DATA_LOSS), true);
    }

    /** Catalog-only: neither drop rewrites or scans the table. */
    static PlannedStatement releaseSequence(QualifiedName table, Column column) {
        String drop = column.identity() != Identity.NONE ? "DROP IDENTITY" : "DROP DEFAULT";
        return statement("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column.name()) + " " + drop, table,
                column, Set.of());
    }

    /** All differences of one column in one statement: PostgreSQL orders the sub-commands itself. */
    static PlannedStatement alter(QualifiedName table, Column current, Column desired) {
        String column = "ALTER COLUMN " + quote(desired.name()) + " ";
        List<String> parts = new ArrayList<>();
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        boolean retyped = ColumnDiff.typeChanged(current, desired) || ColumnDiff.collationChanged(current, desired);
        if (current.generated() != Generated.NONE && desired.generated() == Generated.NONE) {
            parts.add(column + "DROP EXPRESSION");
            current = new Column(current.name(), current.type(), current.notNull(), null, current.identity(),
                    current.identityOptions(), current.collation());
        }
        if (current.identity() != Identity.NONE && desired.identity() == Identity.NONE) {
            parts.add(column + "DROP IDENTITY");
        }
        boolean defaultChanged = ColumnDiff.defaultChanged(current, desired);
        if (current.defaultExpression() != null && (desired.defaultExpression() == null || (defaultChanged && retyped))) {
            parts.add(column + "DROP DEFAULT");
        }
        if (retyped) {
            parts.add(column + "TYPE " + desired.type()
                    + (desired.collation() != null ? " COLLATE " + desired.collation() : "")
                    + (ColumnDiff.typeChanged(current, desired) ? " USING " + quote(desired.name()) + "::"
                    + desired.type() : ""));
            hazards.addAll(TypeChange.hazards(current.type(), desired.type()));
        }
        if (defaultChanged && desired.defaultExpression() != null) {
            parts.add(column + "SET DEFAULT " + desired.defaultExpression());
        }
        if (current.notNull() != desired.notNull() && !(desired.identity() != Identity.NONE && !desired.notNull())) {
            parts.add(column + (desired.notNull() ? "SET NOT NULL" : "DROP NOT NULL"));
            if (desired.notNull()) {
                hazards.add(Hazard.VALIDATION_SCAN);
            }
        }
        identityChanges(current, desired, column, parts, hazards);
        return statement("ALTER TABLE " + quote(table) + " " + String.join(", ", parts), table, desired, hazards);
    }

    private static void identityChanges(Column current, Column desired, String column, List<String> parts,
                                        Set<Hazard> hazards) {
        if (current.identity() == Identity.NONE && desired.identity() != Identity.NONE) {
            parts.add(column + "ADD " + identity(desired));
            hazards.add(Hazard.LONG_LOCK);
        } else if (current.identity() != Identity.NONE && desired.identity() != Identity.NONE) {
            if (current.identity() != desired.identity()) {
                parts.add(column + "SET GENERATED " + generated(desired.identity()));
            }
            if (ColumnDiff.identityOptionsChanged(current, desired)) {
                SequenceOptions o = desired.identityOptions();
                parts.add(column + "SET INCREMENT BY " + o.increment() + " SET MINVALUE " + o.min() + " SET MAXVALUE "
                        + o.max() + " SET START WITH " + o.start() + " SET CACHE " + o.cache()
                        + (o.cycle() ? " SET CYCLE" : " SET NO CYCLE"));
            }
        }
    }

    private static String identity(Column c) {
        SequenceOptions o = c.identityOptions();
        String options = o == null ? "" : " (INCREMENT BY " + o.increment() + " MINVALUE " + o.min() + " MAXVALUE "
                + o.max() + " START WITH " + o.start() + " CACHE " + o.cache() + (o.cycle() ? " CYCLE" : " NO CYCLE")
                + ")";
        return "GENERATED " + generated(c.identity()) + " AS IDENTITY" + options;
    }

    private static String generated(Identity identity) {
        return identity == Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT";
    }

    private static PlannedStatement statement(String sql, QualifiedName table, Column column, Set<Hazard> hazards) {
        return new PlannedStatement(sql, "column", table + "." + column.name(), hazards, true);
    }
}
