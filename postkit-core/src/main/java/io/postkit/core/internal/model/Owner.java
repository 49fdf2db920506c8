package io.postkit.core.internal.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * Who owns one object. Indexes, and sequences owned by a column (serial, identity), follow their table and are not
 * listed.
 *
 * @param kind   the object's keyword in {@code ALTER … OWNER TO}: TABLE, VIEW, MATERIALIZED VIEW, SEQUENCE, FUNCTION,
 *               PROCEDURE, AGGREGATE, TYPE, DOMAIN or SCHEMA
 * @param object the object; for a schema, schema is empty and name is the schema's
 * @param member the identity arguments of a routine, else empty
 * @param role   the owning role
 */
public record Owner(String kind, QualifiedName object, String member, String role) implements Comparable<Owner> {

    private static final Comparator<Owner> ORDER = Comparator.comparing(Owner::object).thenComparing(Owner::kind)
            .thenComparing(Owner::member).thenComparing(Owner::role);

    public Owner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(role, "role");
        member = member == null ? "" : member;
    }

    /** The object, whoever owns it: what two sides' owners are matched by. */
    public String objectKey() {
        return kind + " " + object + (member.isEmpty() ? "" : "(" + member + ")");
    }

    @Override
    public int compareTo(Owner other) {
        return ORDER.compare(this, other);
    }
}
