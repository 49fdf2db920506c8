package io.postkit.core.internal.model;

import java.util.Objects;

/**
 * A table column.
 *
 * @param type               {@code format_type(atttypid, atttypmod)} read with {@code search_path=pg_catalog}, so
 *                           types outside pg_catalog are schema-qualified
 * @param defaultExpression  {@code pg_get_expr(adbin, adrelid)}, or null
 * @param collation          a non-default collation, qualified, or null
 * @param identityOptions    the identity sequence's options when {@code identity != NONE}, else null
 * @param generated          a generated column's kind; its expression is then {@code defaultExpression}
 */
public record Column(String name, String type, boolean notNull, String defaultExpression, Identity identity,
                     SequenceOptions identityOptions, String collation, Generated generated) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(generated, "generated");
    }

    /** A column that is not generated. */
    public Column(String name, String type, boolean notNull, String defaultExpression, Identity identity,
                  SequenceOptions identityOptions, String collation) {
        this(name, type, notNull, defaultExpression, identity, identityOptions, collation, Generated.NONE);
    }

    /** A plain column: for tests and callers that need no identity or collation. */
    public static Column of(String name, String type, boolean notNull, String defaultExpression) {
        return new Column(name, type, notNull, defaultExpression, Identity.NONE, null, null);
    }
}
