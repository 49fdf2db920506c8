package io.postkit.core.internal.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A view.
 *
 * @param columns    its output columns (name and type), in order: CREATE OR REPLACE VIEW may only append
 * @param definition {@code pg_get_viewdef(oid)}, PostgreSQL's own text of the query
 * @param options    {@code reloptions} such as {@code security_invoker=true}, sorted
 * @param dependsOn  the relations (tables and views) and their columns the query reads, from {@code pg_rewrite}'s
 *                   dependencies: {@code schema.relation} for the whole relation, {@code schema.relation.column} for
 *                   a column; sorted, as everything in the model, since it reaches the fingerprint
 * @param materialized a materialized view: never replaced in place, and it may have {@code indexes}
 * @param populated    for a materialized view, whether it holds data ({@code relispopulated})
 */
public record View(QualifiedName name, List<Column> columns, String definition, List<String> options,
                   Set<String> dependsOn, boolean materialized, boolean populated, List<Index> indexes) {

    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        columns = List.copyOf(columns);
        options = List.copyOf(options);
        dependsOn = Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
        indexes = List.copyOf(indexes);
    }

    /** A plain view. */
    public View(QualifiedName name, List<Column> columns, String definition, List<String> options,
                Set<String> dependsOn) {
        this(name, columns, definition, options, dependsOn, false, true, List.of());
    }

    public boolean readsRelation(QualifiedName relation) {
        return dependsOn.contains(relation.toString());
    }
}
