package io.postkit.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A domain.
 *
 * @param baseType    {@code format_type} of the base type with its typmod
 * @param baseDomain  the managed domain it is based on ({@code typbasetype}), or null: created after it
 * @param constraints its CHECK constraints, by name, with {@code pg_get_constraintdef} text
 */
public record Domain(QualifiedName name, String baseType, QualifiedName baseDomain, String collation,
                     String defaultExpression, boolean notNull, List<Constraint> constraints) {

    public Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseType, "baseType");
        constraints = List.copyOf(constraints);
    }
}
