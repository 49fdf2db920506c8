package io.postkit.core.render;

import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.View;

import java.util.Set;

import static io.postkit.core.sql.Identifiers.quote;

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
        String sql = "CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + quote(view.name()) + options + " AS\n"
                + definition;
        return new PlannedStatement(sql, "view", view.name().toString(), Set.of(), true);
    }

    static PlannedStatement drop(QualifiedName view) {
        return new PlannedStatement("DROP VIEW " + quote(view), "view", view.toString(), Set.of(), true);
    }
}
