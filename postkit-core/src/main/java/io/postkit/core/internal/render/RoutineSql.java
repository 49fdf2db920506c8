package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.Trigger;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Functions, procedures, aggregates and triggers, created from PostgreSQL's own definitions. */
final class RoutineSql {

    private RoutineSql() {
    }

    static PlannedStatement create(Routine routine) {
        return new PlannedStatement(routine.definition().strip(), kind(routine), routine.signature().toString(),
                Set.of(), true);
    }

    static PlannedStatement drop(Routine routine) {
        return new PlannedStatement("DROP " + routine.kind().name() + " " + quote(routine.name()) + "(" + routine.arguments() + ")", kind(routine),
                routine.signature().toString(), Set.of(), true);
    }

    /** Created enabled; a trigger that is disabled (or replica/always) gets that state right after. */
    static PlannedStatement createTrigger(Trigger trigger) {
        String sql = trigger.definition().strip();
        String state = switch (trigger.enabled()) {
            case "D" -> "DISABLE TRIGGER ";
            case "R" -> "ENABLE REPLICA TRIGGER ";
            case "A" -> "ENABLE ALWAYS TRIGGER ";
            default -> null;
        };
        if (state != null) {
            sql += ";\nALTER TABLE " + quote(trigger.table()) + " " + state + quote(trigger.name());
        }
        return new PlannedStatement(sql, "trigger", trigger.key(), Set.of(Hazard.LONG_LOCK), true);
    }

    static PlannedStatement dropTrigger(Trigger trigger) {
        return new PlannedStatement("DROP TRIGGER " + quote(trigger.name()) + " ON " + quote(trigger.table()),
                "trigger", trigger.key(), Set.of(), true);
    }

    private static String kind(Routine routine) {
        return routine.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
}
