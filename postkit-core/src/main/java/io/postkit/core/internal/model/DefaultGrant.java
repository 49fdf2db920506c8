package io.postkit.core.internal.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One default privilege ({@code ALTER DEFAULT PRIVILEGES}): what objects {@code forRole} creates get.
 *
 * @param schema     the schema it is limited to, or empty for every schema
 * @param objectType {@code pg_default_acl.defaclobjtype}: r tables, S sequences, f functions, T types, n schemas
 * @param grantee    the role, or {@code public}
 */
public record DefaultGrant(String forRole, String schema, String objectType, String grantee, String privilege,
                           boolean grantable) implements Comparable<DefaultGrant> {

    private static final Comparator<DefaultGrant> ORDER = Comparator.comparing(DefaultGrant::forRole)
            .thenComparing(DefaultGrant::schema).thenComparing(DefaultGrant::objectType)
            .thenComparing(DefaultGrant::grantee).thenComparing(DefaultGrant::privilege)
            .thenComparing(DefaultGrant::grantable);

    public DefaultGrant {
        Objects.requireNonNull(forRole, "forRole");
        schema = schema == null ? "" : schema;
    }

    /** Marks that a (role, schema, object type) has a row of its own, even one that grants nothing to others. */
    public static DefaultGrant scopeMarker(String forRole, String schema, String objectType) {
        return new DefaultGrant(forRole, schema, objectType, "", "", false);
    }

    public boolean isScopeMarker() {
        return grantee.isEmpty();
    }

    /** Which set of defaults it belongs to: (role, schema, object type). */
    public String scope() {
        return forRole + "\u0000" + schema + "\u0000" + objectType;
    }

    @Override
    public int compareTo(DefaultGrant other) {
        return ORDER.compare(this, other);
    }
}
