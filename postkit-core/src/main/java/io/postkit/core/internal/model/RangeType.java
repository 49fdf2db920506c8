package io.postkit.core.internal.model;

import java.util.Objects;

/**
 * A range type.
 *
 * @param definition a complete CREATE TYPE … AS RANGE statement built from {@code pg_range} (subtype, operator
 *                   class, collation, canonical and subtype-difference functions); compared as a whole
 */
public record RangeType(QualifiedName name, String definition) {

    public RangeType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }
}
