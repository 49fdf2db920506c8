package io.postkit.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the engine manages in a database's managed schemas, as read from {@code pg_catalog}. Immutable;
 * iteration order is by name, so rendering and fingerprints are deterministic.
 */
public record SchemaModel(SortedSet<String> schemas, SortedMap<QualifiedName, Table> tables,
                          SortedMap<QualifiedName, Sequence> sequences) {

    public SchemaModel {
        schemas = Collections.unmodifiableSortedSet(new TreeSet<>(schemas));
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableSortedMap(new TreeMap<>(sequences));
    }

    public static SchemaModel empty() {
        return new SchemaModel(new TreeSet<>(), new TreeMap<>(), new TreeMap<>());
    }

    public static SchemaModel of(Set<String> schemas, Map<QualifiedName, Table> tables,
                                 Map<QualifiedName, Sequence> sequences) {
        return new SchemaModel(new TreeSet<>(schemas), new TreeMap<>(tables), new TreeMap<>(sequences));
    }
}
