package io.postkit.core.internal.importing;

import io.postkit.core.internal.model.DefaultGrant;
import io.postkit.core.internal.model.Grant;
import io.postkit.core.internal.model.Owner;
import io.postkit.core.internal.model.Policy;
import io.postkit.core.internal.model.SchemaModel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The roles an imported schema names, read from the source with what matters to the schema's meaning. */
final class SourceRoles {

    /**
     * A role as {@code infra/} creates it where it is missing. Passwords and memberships are not read: they are
     * secrets or administration, not schema.
     *
     * @param bypassRowSecurity {@code BYPASSRLS} of a role that is not a superuser (a superuser bypasses row level
     *                          security anyway, and only a superuser may give the attribute)
     */
    record Role(String name, boolean login, boolean inherit, boolean bypassRowSecurity) {
    }

    private SourceRoles() {
    }

    /**
     * Grantees, the roles of default privileges and policies, and owners when ownership is managed; not PUBLIC and
     * not PostgreSQL's predefined {@code pg_*} roles, which every server has.
     */
    static SortedSet<String> namedBy(SchemaModel model, boolean owners) {
        SortedSet<String> names = new TreeSet<>();
        model.grants().stream().map(Grant::grantee).forEach(names::add);
        for (DefaultGrant grant : model.defaultGrants()) {
            names.add(grant.forRole());
            names.add(grant.grantee());
        }
        model.policies().values().stream().map(Policy::roles).forEach(names::addAll);
        if (owners) {
            model.owners().stream().map(Owner::role).forEach(names::add);
        }
        names.removeIf(n -> n.isEmpty() || n.equals("public") || n.startsWith("pg_"));
        return names;
    }

    /** The roles of {@code names} that exist on the source, by name. */
    static List<Role> read(Connection source, SortedSet<String> names) throws SQLException {
        List<Role> roles = new ArrayList<>();
        if (names.isEmpty()) {
            return roles;
        }
        try (PreparedStatement ps = source.prepareStatement("SELECT rolname::text, rolcanlogin, rolinherit,"
                + " rolbypassrls AND NOT rolsuper FROM pg_catalog.pg_roles WHERE rolname = ANY (?) ORDER BY 1")) {
            ps.setArray(1, source.createArrayOf("text", names.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roles.add(new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        return roles;
    }
}
