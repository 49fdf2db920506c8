package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Composite types: attributes added (at the end), dropped or retyped in place. A new order of kept attributes cannot
 * be expressed and is an error naming the type. {@link DependencyOrder} puts them after the types their attributes
 * are of.
 */
final class CompositeDiff {

    private CompositeDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (QualifiedName name : desired.composites().keySet()) {
            CompositeType wanted = desired.composites().get(name);
            CompositeType existing = current.composites().get(name);
            if (existing == null) {
                changes.add(new SchemaChange.CreateComposite(wanted));
            } else if (!existing.attributes().equals(wanted.attributes())) {
                refuseReorder(existing, wanted);
                changes.add(new SchemaChange.AlterComposite(existing, wanted));
            }
        }
        for (QualifiedName name : current.composites().keySet()) {
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
}
