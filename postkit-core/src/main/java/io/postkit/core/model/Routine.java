package io.postkit.core.model;

import java.util.Objects;

/**
 * A function or procedure.
 *
 * @param arguments          {@code pg_get_function_identity_arguments}: with the name, what identifies it
 * @param procedure          a procedure rather than a function
 * @param definition         {@code pg_get_functiondef}: a complete {@code CREATE OR REPLACE} statement
 * @param result             {@code pg_get_function_result}; a change of it needs DROP and CREATE
 * @param readsRelations     PostgreSQL records a dependency on a managed table or view (a row type in the
 *                           signature, a SQL-standard body): created after views, dropped before relations
 */
public record Routine(QualifiedName name, String arguments, boolean procedure, String definition, String result,
                      boolean readsRelations) {

    public Routine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(definition, "definition");
    }

    /** {@code schema.name(args)}: the key in a model, and what views and triggers record they use. */
    public QualifiedName signature() {
        return QualifiedName.of(name.schema(), name.name() + "(" + arguments + ")");
    }

}
