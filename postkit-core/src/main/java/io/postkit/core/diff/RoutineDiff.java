package io.postkit.core.diff;

import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.Routine;
import io.postkit.core.model.SchemaModel;
import io.postkit.core.model.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Functions and procedures, matched by signature, and the triggers that execute them. A changed body is
 * {@code CREATE OR REPLACE}; a changed result type needs DROP and CREATE, which takes the routine's triggers (and
 * the views that call it, see {@link ViewDiff}) down and back up around it.
 */
final class RoutineDiff {

    /** The routine and trigger changes, and the signatures of routines that are dropped (views must follow). */
    record Result(List<SchemaChange> changes, Set<QualifiedName> droppedSignatures) {
    }

    private RoutineDiff() {
    }

    static Result between(SchemaModel current, SchemaModel desired, Set<QualifiedName> droppedTables) {
        List<SchemaChange> changes = new ArrayList<>();
        Set<QualifiedName> dropped = new TreeSet<>();
        for (Routine routine : desired.routines().values()) {
            Routine existing = current.routines().get(routine.signature());
            if (existing == null) {
                changes.add(new SchemaChange.CreateRoutine(routine));
            } else if (!existing.equals(routine)) {
                if (!existing.result().equals(routine.result()) || existing.procedure() != routine.procedure()) {
                    changes.add(new SchemaChange.DropRoutine(existing));
                    dropped.add(routine.signature());
                }
                changes.add(new SchemaChange.CreateRoutine(routine));
            }
        }
        for (Routine routine : current.routines().values()) {
            if (!desired.routines().containsKey(routine.signature())) {
                changes.add(new SchemaChange.DropRoutine(routine));
                dropped.add(routine.signature());
            }
        }
        changes.addAll(triggers(current, desired, droppedTables, dropped));
        return new Result(changes, dropped);
    }

    /** Matched by table and name; changed or running a dropped routine means DROP and CREATE. */
    private static List<SchemaChange> triggers(SchemaModel current, SchemaModel desired,
                                               Set<QualifiedName> droppedTables, Set<QualifiedName> droppedRoutines) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Trigger trigger : current.triggers().values()) {
            Trigger wanted = desired.triggers().get(trigger.key());
            boolean gone = wanted == null || !wanted.equals(trigger) || droppedRoutines.contains(trigger.function());
            if (gone && !droppedTables.contains(trigger.table())) {
                changes.add(new SchemaChange.DropTrigger(trigger));
            }
        }
        for (Trigger trigger : desired.triggers().values()) {
            Trigger existing = current.triggers().get(trigger.key());
            if (existing == null || !existing.equals(trigger) || droppedRoutines.contains(trigger.function())) {
                changes.add(new SchemaChange.CreateTrigger(trigger));
            }
        }
        return changes;
    }
}
