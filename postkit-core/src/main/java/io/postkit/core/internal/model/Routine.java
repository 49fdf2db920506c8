package io.postkit.core.internal.model;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A function, procedure or aggregate.
 *
 * @param arguments          {@code pg_get_function_identity_arguments}: with the name, what identifies it
 * @param definition         a complete CREATE statement: {@code pg_get_functiondef} ({@code CREATE OR REPLACE})
 *                           for functions and procedures, one built from {@code pg_aggregate} for aggregates
 * @param result             {@code pg_get_function_result}; a change of it needs DROP and CREATE
 * @param readsRelations     PostgreSQL records a dependency on a managed table or view (a row type in the
 *                           signature, a SQL-standard body): created after views, dropped before relations
 * @param uses               what PostgreSQL records it depends on among the managed objects: signatures of routines
 *                           (argument defaults, SQL-standard bodies, an aggregate's support functions) and names of
 *                           types (enum, domain, composite, range) in its signature. It is created after them
 */
public record Routine(QualifiedName name, String arguments, Kind kind, String definition, String result,
                      boolean readsRelations, Set<QualifiedName> uses) {

    /** What {@code prokind} says; each is created, dropped and commented on with its own keyword. */
    public enum Kind {
        FUNCTION, PROCEDURE, AGGREGATE;

        public static Kind fromCatalog(String prokind) {
            return switch (prokind) {
                case "p" -> PROCEDURE;
                case "a" -> AGGREGATE;
                default -> FUNCTION;
            };
        }
    }

    public Routine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(kind, "kind");
        uses = Collections.unmodifiableSortedSet(new TreeSet<>(uses));
        Objects.requireNonNull(definition, "definition");
    }

    /** {@code schema.name(args)}: the key in a model, and what views and triggers record they use. */
    public QualifiedName signature() {
        return QualifiedName.of(name.schema(), name.name() + "(" + arguments + ")");
    }

}
