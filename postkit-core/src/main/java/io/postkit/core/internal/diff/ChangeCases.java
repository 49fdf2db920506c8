package io.postkit.core.internal.diff;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A function of a {@link SchemaChange}, given case by case for its kinds: Java 17 has no exhaustive switch over a
 * sealed interface, so {@link #complete()} checks what the compiler cannot, against the permitted subclasses, and
 * fails (naming them) when a kind of change has no case. A renderer built so fails when its class is loaded, in the
 * first unit test that touches it, never on a user's plan.
 *
 * @param <R> what the function gives
 */
public final class ChangeCases<R> {

    /** Looked up by class only, never iterated: its order reaches nothing. */
    private final Map<Class<?>, Function<SchemaChange, R>> cases = new HashMap<>();

    /** The case for one kind of change. */
    public <C extends SchemaChange> ChangeCases<R> on(Class<C> kind, Function<? super C, ? extends R> function) {
        if (cases.put(kind, change -> function.apply(kind.cast(change))) != null) {
            throw new IllegalStateException("Two cases for " + kind.getSimpleName());
        }
        return this;
    }

    /** The function for every kind of change; refused while some kind has no case. */
    public Function<SchemaChange, R> complete() {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No case for the changes " + missing);
        }
        return this::apply;
    }

    /** The function for the kinds given, {@code otherwise} for the rest. */
    public Function<SchemaChange, R> orElse(R otherwise) {
        return change -> cases.containsKey(change.getClass()) ? apply(change) : otherwise;
    }

    /** The kinds of change without a case, by simple name, sorted. */
    List<String> missing() {
        return Arrays.stream(SchemaChange.class.getPermittedSubclasses()).filter(kind -> !cases.containsKey(kind))
                .map(Class::getSimpleName).sorted().toList();
    }

    private R apply(SchemaChange change) {
        return cases.get(change.getClass()).apply(change);
    }
}
