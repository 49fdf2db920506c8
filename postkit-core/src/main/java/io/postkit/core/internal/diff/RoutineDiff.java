package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Trigger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Functions, procedures and aggregates, matched by signature, and the triggers that execute them. A changed body
 * is {@code CREATE OR REPLACE}; a changed result type, or any change of an aggregate, needs DROP and CREATE, which takes the routine's triggers (and
 * the views that call it, see {@link ViewDiff}) down and back up around it.
 */
final class RoutineDiff {

    /** The routine and trigger changes, and the signatures of routines that are dropped (views must follow). */
    record Result(List<SchemaChange> changes, Set<QualifiedName> droppedSignatures) {
    }

    private RoutineDiff() {
    }

    static Result between(SchemaModel current, SchemaModel desired, Set<QualifiedName> droppedTables) {
        List<SchemaChange> drops = new ArrayList<>();
        List<SchemaChange> creates = new ArrayList<>();
        Set<QualifiedName> dropped = new TreeSet<>();
        for (Routine routine : desired.routines().values()) {
            Routine existing = current.routines().get(routine.signature());
            if (existing == null) {
                creates.add(new SchemaChange.CreateRoutine(routine));
            } else if (!existing.equals(routine)) {
                if (!existing.result().equals(routine.result()) || existing.kind() != routine.kind()
                        || routine.kind() == Routine.Kind.AGGREGATE) {
                    drops.add(new SchemaChange.DropRoutine(existing));
                    dropped.add(routine.signature());
                }
                creates.add(new SchemaChange.CreateRoutine(routine));
            }
        }
        for (Routine routine : current.routines().values()) {
            if (!desired.routines().containsKey(routine.signature())) {
                drops.add(new SchemaChange.DropRoutine(routine));
                dropped.add(routine.signature());
            }
        }
        List<SchemaChange> changes = new ArrayList<>();
        drops.stream().sorted(Comparator.comparing(c -> !isAggregate(c))).forEach(changes::add);
        creates.stream().sorted(Comparator.comparing(RoutineDiff::isAggregate)).forEach(changes::add);
        changes.addAll(triggers(current, desired, droppedTables, dropped));
        return new Result(changes, dropped);
    }

    /** Aggregates are created after the functions they call, and dropped before them. */
    private static boolean isAggregate(SchemaChange change) {
        Routine routine = change instanceof SchemaChange.CreateRoutine c ? c.routine()
                : ((SchemaChange.DropRoutine) change).routine();
        return routine.kind() == Routine.Kind.AGGREGATE;
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
