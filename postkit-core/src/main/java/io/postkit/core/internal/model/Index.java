package io.postkit.core.internal.model;

import java.util.Objects;

/**
 * An index that is not the implementation of a constraint (those belong to the {@link Constraint}).
 *
 * @param definition {@code pg_get_indexdef(oid)} read with {@code search_path=pg_catalog}
 */
public record Index(String name, String definition) {

    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }
}
