package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.View;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Views, created from PostgreSQL's own {@code pg_get_viewdef} text. */
final class ViewSql {

    private ViewSql() {
    }

    static PlannedStatement create(View view, boolean orReplace) {
        String definition = view.definition().strip();
        if (definition.endsWith(";")) {
            definition = definition.substring(0, definition.length() - 1);
        }
        String options = view.options().isEmpty() ? "" : " WITH (" + String.join(", ", view.options()) + ")";
        if (view.materialized()) {
            return materialized(view, options, definition);
        }
        String sql = "CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + quote(view.name()) + options + " AS\n"
                + definition;
        return new PlannedStatement(sql, "view", view.name().toString(), Set.of(), true);
    }

    /** Filled when created (as the desired one is), with its indexes in the same step: they go where it goes. */
    private static PlannedStatement materialized(View view, String options, String definition) {
        StringBuilder sql = new StringBuilder("CREATE MATERIALIZED VIEW " + quote(view.name()) + options + " AS\n"
                + definition + (view.populated() ? "\nWITH DATA" : "\nWITH NO DATA"));
        for (Index index : view.indexes()) {
            sql.append(";\n").append(index.definition());
        }
        return new PlannedStatement(sql.toString(), "materialized view", view.name().toString(),
                view.populated() ? Set.of(Hazard.LONG_LOCK) : Set.of(), true);
    }

    static PlannedStatement drop(QualifiedName view, boolean materialized) {
        return new PlannedStatement("DROP " + (materialized ? "MATERIALIZED VIEW " : "VIEW ") + quote(view),
                materialized ? "materialized view" : "view", view.toString(), Set.of(), true);
    }
}
