package io.postkit.core.internal.importing;

import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.migration.MigrationTable;
import io.postkit.core.internal.model.SchemaModel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code import} reads from the source: the managed schemas as the engine models them (the migration table
 * aside), its extensions and the roles the schemas name, and the versions its migration table already records.
 */
public record SourceSchema(SchemaModel model, Extensions extensions, List<SourceRoles.Role> roles,
                           SortedSet<String> appliedVersions) {

    public SourceSchema {
        roles = List.copyOf(roles);
        appliedVersions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(appliedVersions));
    }

    /** @param owners whether owners are managed: their roles then belong in infra too */
    public static SourceSchema read(Connection source, Collection<String> schemas, MigrationTable table,
                                    boolean owners) throws SQLException {
        SchemaModel model = new CatalogReader().read(source, schemas, Set.of(table.name()));
        return new SourceSchema(model, Extensions.installedIn(source),
                SourceRoles.read(source, SourceRoles.namedBy(model, owners)), new TreeSet<>(table.applied(source).keySet()));
    }
}
