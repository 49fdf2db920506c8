package io.postkit.core.render;

import io.postkit.core.model.QualifiedName;

import java.util.Set;

/**
 * How a plan is rendered.
 *
 * @param online            build indexes CONCURRENTLY and validate constraints apart, so writes go on meanwhile
 *                          (see {@link OnlineSql})
 * @param partitionedTables tables PostgreSQL cannot index concurrently or add NOT VALID constraints to: they keep
 *                          the plain statements even online
 */
public record RenderOptions(boolean online, Set<QualifiedName> partitionedTables) {

    public static final RenderOptions DEFAULT = new RenderOptions(false, Set.of());

    public RenderOptions {
        partitionedTables = Set.copyOf(partitionedTables);
    }
}
