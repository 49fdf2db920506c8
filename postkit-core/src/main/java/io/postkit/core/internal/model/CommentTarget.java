package io.postkit.core.internal.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * What a comment is on.
 *
 * @param object the schema-qualified object; for {@link Kind#SCHEMA} the name is the schema's and schema is empty
 * @param member the column, constraint or trigger of a table, the identity arguments of a routine, else empty
 */
public record CommentTarget(Kind kind, QualifiedName object, String member) implements Comparable<CommentTarget> {

    /** The kinds of objects comments are read for. */
    public enum Kind { SCHEMA, TABLE, VIEW, MATERIALIZED_VIEW, COLUMN, CONSTRAINT, INDEX, SEQUENCE, ROUTINE, TRIGGER, TYPE }

    private static final Comparator<CommentTarget> ORDER = Comparator.comparing(CommentTarget::object)
            .thenComparing(CommentTarget::member).thenComparing(CommentTarget::kind);

    public CommentTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        member = member == null ? "" : member;
    }

    public static CommentTarget of(Kind kind, QualifiedName object) {
        return new CommentTarget(kind, object, "");
    }

    @Override
    public int compareTo(CommentTarget other) {
        return ORDER.compare(this, other);
    }

    /** Also the key in JSON (fingerprints), so it must be unique and stable. */
    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + object + (member.isEmpty() ? "" : "." + member);
    }
}
