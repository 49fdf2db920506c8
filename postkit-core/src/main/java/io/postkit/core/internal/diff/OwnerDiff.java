package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Owner;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code ALTER … OWNER TO} for desired objects whose owner differs, as {@link OwnerRule} says. */
final class OwnerDiff {

    private OwnerDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired, OwnerRule rule) {
        if (!rule.managed()) {
            return List.of();
        }
        Map<String, Owner> held = new TreeMap<>();
        current.owners().forEach(o -> held.put(o.objectKey(), o));
        List<SchemaChange> changes = new ArrayList<>();
        for (Owner wanted : desired.owners()) {
            if (wanted.role().equals(rule.unsetOwner())) {
                continue;
            }
            Owner existing = held.get(wanted.objectKey());
            if (existing == null || !existing.role().equals(wanted.role())) {
                changes.add(new SchemaChange.SetOwner(wanted));
            }
        }
        return changes;
    }
}
