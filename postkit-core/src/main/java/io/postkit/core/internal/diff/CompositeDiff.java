package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composite types: created after the composite types their attributes are of (from {@code atttypid}), dropped in
 * reverse; attributes added (at the end), dropped or retyped in place. A new order of kept attributes cannot be
 * expressed and is an error naming the type.
 */
final class CompositeDiff {

    private CompositeDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (QualifiedName name : usedFirst(desired.composites())) {
            CompositeType wanted = desired.composites().get(name);
            CompositeType existing = current.composites().get(name);
            if (existing == null) {
                changes.add(new SchemaChange.CreateComposite(wanted));
            } else if (!existing.attributes().equals(wanted.attributes())) {
                refuseReorder(existing, wanted);
                changes.add(new SchemaChange.AlterComposite(existing, wanted));
            }
        }
        List<QualifiedName> drops = usedFirst(current.composites());
        Collections.reverse(drops);
        for (QualifiedName name : drops) {
            if (!desired.composites().containsKey(name)) {
                changes.add(new SchemaChange.DropComposite(name));
            }
        }
        return changes;
    }

    /** After dropping and adding, the kept attributes must already be in the desired order, new ones last. */
    private static void refuseReorder(CompositeType current, CompositeType desired) {
        List<String> kept = names(current.attributes()).stream().filter(names(desired.attributes())::contains)
                .toList();
        List<String> desiredNames = names(desired.attributes());
        List<String> expected = new ArrayList<>(kept);
        desiredNames.stream().filter(n -> !kept.contains(n)).forEach(expected::add);
        if (!expected.equals(desiredNames)) {
            throw new PostkitException("Composite type " + desired.name() + ": postkit cannot reorder its attributes"
                    + " in place. Keep the existing order (new attributes last), or write a manual migration.");
        }
    }

    private static List<String> names(List<Column> attributes) {
        return attributes.stream().map(Column::name).toList();
    }

    private static List<QualifiedName> usedFirst(Map<QualifiedName, CompositeType> types) {
        Set<QualifiedName> order = new LinkedHashSet<>();
        for (QualifiedName name : types.keySet()) {
            place(name, types, order, new LinkedHashSet<>());
        }
        return new ArrayList<>(order);
    }

    private static void place(QualifiedName name, Map<QualifiedName, CompositeType> types, Set<QualifiedName> order,
                              Set<QualifiedName> visiting) {
        if (order.contains(name) || !visiting.add(name)) {
            return;
        }
        CompositeType type = types.get(name);
        if (type != null) {
            type.uses().stream().filter(types::containsKey).forEach(used -> place(used, types, order, visiting));
        }
        order.add(name);
    }
}
