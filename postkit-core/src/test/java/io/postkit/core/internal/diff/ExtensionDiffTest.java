package io.postkit.core.internal.diff;

import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.postkit.core.internal.diff.SchemaModels.column;
import static io.postkit.core.internal.diff.SchemaModels.model;
import static io.postkit.core.internal.diff.SchemaModels.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code postkit:diff} says about extensions; a plan never does. */
class ExtensionDiffTest {

    private static Extensions of(String... nameAndSchema) {
        List<Extensions.Extension> extensions = new java.util.ArrayList<>();
        for (int i = 0; i < nameAndSchema.length; i += 2) {
            extensions.add(new Extensions.Extension(nameAndSchema[i], nameAndSchema[i + 1]));
        }
        return new Extensions(extensions);
    }

    @Test
    void extensionsAreCreatedFirstMovedAndDroppedLastWithTheirHazard() {
        var tables = model(List.of(table("words", List.of(column("w", "public.citext")), List.of(), List.of())),
                List.of());
        List<SchemaChange> changes = ExtensionDiff.merged(SchemaDiff.between(model(List.of(), List.of()), tables),
                ExtensionDiff.between(of("hstore", "public", "pg_trgm", "public", "other", "elsewhere"),
                        of("pg_trgm", "extensions", "citext", "public"), Set.of("public", "extensions")));
        List<PlannedStatement> plan = SqlRenderer.renderAll(changes);
        assertEquals(List.of("CREATE EXTENSION IF NOT EXISTS \"citext\" SCHEMA \"public\"",
                "ALTER EXTENSION \"pg_trgm\" SET SCHEMA \"extensions\"",
                "CREATE TABLE \"public\".\"words\" (\n    \"w\" public.citext\n)",
                "DROP EXTENSION \"hstore\""), plan.stream().map(PlannedStatement::sql).toList());
        assertEquals(Set.of(io.postkit.core.internal.render.Hazard.DATA_LOSS), plan.get(3).hazards());
    }
}
