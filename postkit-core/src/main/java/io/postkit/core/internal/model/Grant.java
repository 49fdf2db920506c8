package io.postkit.core.internal.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One privilege held by one role (or PUBLIC) on one object, as {@code aclexplode} lists it. The owner's own
 * privileges are not modelled: ownership is not managed.
 *
 * @param kind      TABLE (tables and views), COLUMN, SEQUENCE, ROUTINE, SCHEMA or TYPE
 * @param object    the object; for a schema, schema is empty and name is the schema's
 * @param member    the column of a COLUMN grant, the identity arguments of a ROUTINE grant, else empty
 * @param grantee   the role, or {@code public}
 * @param privilege e.g. SELECT, EXECUTE, USAGE
 */
public record Grant(String kind, QualifiedName object, String member, String grantee, String privilege,
                    boolean grantable) implements Comparable<Grant> {

    private static final Comparator<Grant> ORDER = Comparator.comparing(Grant::object).thenComparing(Grant::kind)
            .thenComparing(Grant::member).thenComparing(Grant::grantee).thenComparing(Grant::privilege)
            .thenComparing(Grant::grantable);

    public Grant {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        member = member == null ? "" : member;
    }

    /** The same privilege, with or without GRANT OPTION. */
    public Grant withoutOption() {
        return new Grant(kind, object, member, grantee, privilege, false);
    }

    @Override
    public int compareTo(Grant other) {
        return ORDER.compare(this, other);
    }
}
