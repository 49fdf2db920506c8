package io.postkit.core.render;

import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.Table;

import java.util.Set;
import java.util.stream.Collectors;

import static io.postkit.core.sql.Identifiers.quote;

/** Tables: created with their columns only; constraints and indexes are separate statements that follow. */
final class TableSql {

    private TableSql() {
    }

    static PlannedStatement create(Table table) {
        String columns = table.columns().stream().map(c -> "    " + ColumnSql.definition(c))
                .collect(Collectors.joining(",\n"));
        String sql = "CREATE " + (table.unlogged() ? "UNLOGGED " : "") + "TABLE " + quote(table.name()) + " (" + (columns.isEmpty() ? "" : "\n" + columns + "\n")
                + ")";
        return new PlannedStatement(sql, "table", table.name().toString(), Set.of(), true);
    }

    /** Switching persistence rewrites the table. */
    static PlannedStatement persistence(QualifiedName table, boolean unlogged) {
        return new PlannedStatement("ALTER TABLE " + quote(table) + " SET " + (unlogged ? "UNLOGGED" : "LOGGED"), "table",
                table.toString(), Set.of(Hazard.TABLE_REWRITE, Hazard.LONG_LOCK), true);
    }

    static PlannedStatement drop(QualifiedName table) {
        return new PlannedStatement("DROP TABLE " + quote(table), "table", table.toString(), Set.of(Hazard.DATA_LOSS),
                true);
    }
}
