package io.postkit.core.internal.render;

import io.postkit.core.internal.model.QualifiedName;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a plan is rendered.
 *
 * @param online            build indexes CONCURRENTLY and validate constraints apart, so writes go on meanwhile
 *                          (see {@link OnlineSql})
 * @param partitionedTables tables PostgreSQL cannot index concurrently or add NOT VALID constraints to: they keep
 *                          the plain statements even online
 * @param emptyTables       existing tables known to hold no rows (checked on the clone): statements on them lock
 *                          and scan nothing worth a hazard, as on tables the plan creates
 */
public record RenderOptions(boolean online, Set<QualifiedName> partitionedTables, Set<QualifiedName> emptyTables) {

    public static final RenderOptions DEFAULT = new RenderOptions(false, Set.of(), Set.of());

    public RenderOptions {
        partitionedTables = Collections.unmodifiableSortedSet(new TreeSet<>(partitionedTables));
        emptyTables = Collections.unmodifiableSortedSet(new TreeSet<>(emptyTables));
    }
}
