package io.postkit.core.internal.importing;

import io.postkit.core.internal.diff.OwnerRule;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.PlannedStatement;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A source turned into a schema directory and the baseline migration that starts its history. Both come from the
 * same plan from empty, so the files and the baseline build the same schema.
 *
 * @param files    path relative to the schema directory (forward slashes) → content, sorted by path
 * @param baseline the migration a database without the schema needs, after infra
 */
public record ImportedSchema(SortedMap<String, String> files, MigrationFile baseline) {

    public ImportedSchema {
        files = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(files));
    }

    /** @param owners whether ownership is managed: the files then set owners ({@code ALTER … OWNER TO}) */
    public static ImportedSchema of(SourceSchema source, Collection<String> schemas, boolean owners, String version) {
        OwnerRule rule = owners ? OwnerRule.ALL : OwnerRule.IGNORED;
        SchemaModel model = source.model();
        List<SchemaChange> build = SchemaDiff.between(SchemaModel.empty(), model, rule);
        Map<ObjectFile, List<PlannedStatement>> infra = new LinkedHashMap<>();
        infra.put(ImportLayout.ROLES, InfraSql.roles(source.roles()));
        infra.put(ImportLayout.EXTENSIONS, InfraSql.extensions(source.extensions(), schemas));
        return new ImportedSchema(ImportedFiles.of(build, new ImportLayout(model), infra),
                BaselineMigration.of(version, build, SchemaDiff.between(model, SchemaModel.empty(), rule)));
    }
}
