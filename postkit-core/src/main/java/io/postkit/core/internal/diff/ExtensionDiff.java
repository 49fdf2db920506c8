package io.postkit.core.internal.diff;

import io.postkit.core.internal.catalog.Extensions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extensions of two whole databases, for {@code postkit:diff}: created (in the schema they have on the desired side),
 * moved to another schema, or dropped. Matched by name; versions are not compared. In a project, extensions are
 * infrastructure ({@code infra/}) and never planned.
 */
public final class ExtensionDiff {

    private ExtensionDiff() {
    }

    /** @param schemas the compared schemas: an extension in another schema is not compared */
    public static List<SchemaChange> between(Extensions current, Extensions desired, Collection<String> schemas) {
        Map<String, String> before = bySchema(current, schemas);
        Map<String, String> after = bySchema(desired, schemas);
        List<SchemaChange> changes = new ArrayList<>();
        after.forEach((name, schema) -> {
            if (!before.containsKey(name)) {
                changes.add(new SchemaChange.CreateExtension(name, schema));
            } else if (!before.get(name).equals(schema)) {
                changes.add(new SchemaChange.SetExtensionSchema(name, schema));
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> changes.add(new SchemaChange.DropExtension(name)));
        return changes;
    }

    /** Adds {@code extensions} to a diff's changes where their phases put them. */
    public static List<SchemaChange> merged(List<SchemaChange> changes, List<SchemaChange> extensions) {
        List<SchemaChange> all = new ArrayList<>(changes);
        all.addAll(extensions);
        // Stable: the diff's order within each phase stays.
        all.sort(java.util.Comparator.comparing(SchemaChange::phase));
        return List.copyOf(all);
    }

    private static Map<String, String> bySchema(Extensions extensions, Collection<String> schemas) {
        Map<String, String> schemaOf = new TreeMap<>();
        extensions.extensions().stream().filter(e -> schemas.contains(e.schema()))
                .forEach(e -> schemaOf.put(e.name(), e.schema()));
        return schemaOf;
    }
}
