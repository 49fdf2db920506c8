package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Composite types: attributes added (at the end), dropped or retyped in place. A new order of kept attributes cannot
 * be expressed and is an error naming the type. {@link DependencyOrder} puts them after the types their attributes
 * are of.
 */
final class CompositeDiff {

    private CompositeDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        return ByName.changes(current.composites(), desired.composites(), SchemaChange.CreateComposite::new,
                CompositeDiff::alter, gone -> new SchemaChange.DropComposite(gone.name()));
    }

    private static Optional<SchemaChange> alter(CompositeType existing, CompositeType wanted) {
        if (existing.attributes().equals(wanted.attributes())) {
            return Optional.empty();
        }
        refuseReorder(existing, wanted);
        return Optional.of(new SchemaChange.AlterComposite(existing, wanted));
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
