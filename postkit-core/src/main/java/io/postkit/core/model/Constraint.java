package io.postkit.core.model;

import java.util.Objects;

/**
 * A table constraint.
 *
 * @param definition {@code pg_get_constraintdef(oid)} read with {@code search_path=pg_catalog}: PostgreSQL's own
 *                   normalised text, so equal definitions compare equal
 */
public record Constraint(String name, ConstraintType type, String definition) {

    public Constraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(definition, "definition");
    }
}
