package io.postkit.core.internal.model;

import java.util.Objects;

/**
 * A table constraint.
 *
 * @param definition      {@code pg_get_constraintdef(oid)} read with {@code search_path=pg_catalog}: PostgreSQL's own
 *                        normalised text, so equal definitions compare equal
 * @param referencedTable for a foreign key, the table it references ({@code confrelid}); else null
 */
public record Constraint(String name, ConstraintType type, String definition, QualifiedName referencedTable) {

    public Constraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(definition, "definition");
    }

    public static Constraint of(String name, ConstraintType type, String definition) {
        return new Constraint(name, type, definition, null);
    }
}
