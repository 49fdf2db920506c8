package io.postkit.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A view.
 *
 * @param columns    its output columns (name and type), in order: CREATE OR REPLACE VIEW may only append
 * @param definition {@code pg_get_viewdef(oid)}, PostgreSQL's own text of the query
 * @param options    {@code reloptions} such as {@code security_invoker=true}, sorted
 * @param dependsOn  the relations (tables and views) and their columns the query reads, from {@code pg_rewrite}'s
 *                   dependencies: {@code schema.relation} for the whole relation, {@code schema.relation.column} for
 *                   a column
 */
public record View(QualifiedName name, List<Column> columns, String definition, List<String> options,
                   Set<String> dependsOn) {

    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        columns = List.copyOf(columns);
        options = List.copyOf(options);
        dependsOn = Set.copyOf(dependsOn);
    }

    public boolean readsRelation(QualifiedName relation) {
        return dependsOn.contains(relation.toString());
    }

    public boolean readsColumn(QualifiedName table, String column) {
        return dependsOn.contains(table + "." + column);
    }
}
