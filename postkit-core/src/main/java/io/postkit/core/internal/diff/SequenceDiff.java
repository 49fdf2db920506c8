package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stand-alone sequences. A sequence owned by a column goes when its table or column goes, so no DROP is emitted for
 * it then (it would fail: the sequence is already gone); one that must outlive such an owner is released from it
 * ({@code OWNED BY NONE}) before the drop, and given its new owner after.
 */
final class SequenceDiff {

    private SequenceDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired, Set<QualifiedName> droppedTables) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Sequence sequence : desired.sequences().values()) {
            Sequence existing = current.sequences().get(sequence.name());
            if (existing == null) {
                changes.add(new SchemaChange.CreateSequence(sequence));
                if (sequence.ownedBy() != null) {
                    changes.add(new SchemaChange.SetSequenceOwner(sequence));
                }
                continue;
            }
            if (!existing.options().equals(sequence.options())) {
                changes.add(new SchemaChange.AlterSequence(existing, sequence));
            }
            if (!Objects.equals(existing.ownedBy(), sequence.ownedBy())) {
                if (sequence.ownedBy() != null && goesWithItsOwner(existing, desired, droppedTables)) {
                    changes.add(new SchemaChange.SetSequenceOwner(withoutOwner(existing)));
                }
                changes.add(new SchemaChange.SetSequenceOwner(sequence));
            }
        }
        for (Sequence sequence : current.sequences().values()) {
            if (!desired.sequences().containsKey(sequence.name()) && !goesWithItsOwner(sequence, desired,
                    droppedTables)) {
                changes.add(new SchemaChange.DropSequence(sequence.name()));
            }
        }
        return changes;
    }

    private static Sequence withoutOwner(Sequence sequence) {
        return new Sequence(sequence.name(), sequence.options(), null, sequence.usedByDefaults());
    }

    /** Whether the sequence's current owner (table or column) is dropped, taking the sequence along. */
    private static boolean goesWithItsOwner(Sequence sequence, SchemaModel desired, Set<QualifiedName> droppedTables) {
        if (sequence.ownedBy() == null) {
            return false;
        }
        QualifiedName table = sequence.ownedBy().table();
        var kept = desired.tables().get(table);
        return droppedTables.contains(table) || kept == null || kept.column(sequence.ownedBy().column()).isEmpty();
    }
}
