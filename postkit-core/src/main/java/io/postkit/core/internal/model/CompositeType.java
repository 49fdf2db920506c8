package io.postkit.core.internal.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A composite type ({@code CREATE TYPE … AS (…)}).
 *
 * @param attributes its attributes in order (name, type with typmod, collation)
 * @param uses       other managed composite types its attributes are of, from {@code atttypid}: created first
 */
public record CompositeType(QualifiedName name, List<Column> attributes, Set<QualifiedName> uses) {

    public CompositeType {
        Objects.requireNonNull(name, "name");
        attributes = List.copyOf(attributes);
        uses = Collections.unmodifiableSortedSet(new TreeSet<>(uses));
    }
}
