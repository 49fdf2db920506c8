package io.postkit.core.internal.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Objects of one kind matched by name (or signature) between the two sides: each desired one is new or kept, each
 * current one that is not desired is gone. Both maps are sorted, so the cases come in name order.
 */
final class ByName {

    private ByName() {
    }

    /**
     * The changes for one kind: {@code create} for each new object, {@code alter} (a change or none) for each kept
     * one, {@code drop} for each one that goes.
     */
    static <K, V> List<SchemaChange> changes(Map<K, V> current, Map<K, V> desired,
                                             Function<V, SchemaChange> create,
                                             BiFunction<V, V, Optional<SchemaChange>> alter,
                                             Function<V, SchemaChange> drop) {
        List<SchemaChange> changes = new ArrayList<>();
        match(current, desired, wanted -> changes.add(create.apply(wanted)),
                (existing, wanted) -> alter.apply(existing, wanted).ifPresent(changes::add),
                gone -> changes.add(drop.apply(gone)));
        return changes;
    }

    static <K, V> void match(Map<K, V> current, Map<K, V> desired, Consumer<V> created, BiConsumer<V, V> kept,
                             Consumer<V> gone) {
        desired.forEach((name, wanted) -> {
            V existing = current.get(name);
            if (existing == null) {
                created.accept(wanted);
            } else {
                kept.accept(existing, wanted);
            }
        });
        current.forEach((name, existing) -> {
            if (!desired.containsKey(name)) {
                gone.accept(existing);
            }
        });
    }
}
