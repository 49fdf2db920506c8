package io.postkit.core.internal.model;

import java.util.Objects;

/**
 * A trigger on a table.
 *
 * @param definition {@code pg_get_triggerdef}: the complete CREATE [CONSTRAINT] TRIGGER statement
 * @param enabled    {@code tgenabled}: {@code O} (origin, the default), {@code D} disabled, {@code R} replica,
 *                   {@code A} always
 * @param function   the signature ({@link Routine#signature()}) of the function it executes
 */
public record Trigger(QualifiedName table, String name, String definition, String enabled, QualifiedName function) {

    public Trigger {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }

    /** {@code schema.table.trigger}: the key in a model. */
    public String key() {
        return table + "." + name;
    }
}
