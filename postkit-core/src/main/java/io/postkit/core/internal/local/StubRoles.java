package io.postkit.core.internal.local;

import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Roles a local database needs because the schema names them (policies, grants, owners). They are created as
 * {@code NOLOGIN} stubs: nobody logs in with them; they only make the names resolve. Roles are cluster-wide, so the
 * shadow's stubs also serve the clone on the same server.
 */
public final class StubRoles {

    private static final Pattern MISSING_ROLE = Pattern.compile("role \"(.+)\" does not exist");

    private StubRoles() {
    }

    /** The role a failed statement names as missing (SQLSTATE 42704), if that is why it failed. */
    public static String missingRole(SQLException e) {
        if (!"42704".equals(e.getSQLState()) || e.getMessage() == null) {
            return null;
        }
        Matcher m = MISSING_ROLE.matcher(e.getMessage());
        return m.find() ? m.group(1) : null;
    }

    /** Creates the role unless it exists (duplicate_object, 42710). {@code local} must be in autocommit. */
    public static void create(Connection local, String role) throws SQLException {
        try (Statement s = local.createStatement()) {
            s.execute("CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN");
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * Roles that objects of {@code migrated} name (policies, privileges) but {@code target} lacks. Stubs make any role
     * resolve locally, so after a dry run this is what shows that a deploy would fail for want of a role.
     */
    public static List<String> missingOn(Connection migrated, Connection target) throws SQLException {
        // An owner's own entries do not count: the deploy's user owns what it creates there.
        List<String> named = names(migrated, "SELECT DISTINCT r.rolname FROM ("
                + " SELECT unnest(polroles) AS role, 0::oid AS owner FROM pg_policy"
                + " UNION SELECT (aclexplode(relacl)).grantee, relowner FROM pg_class WHERE relacl IS NOT NULL"
                + " UNION SELECT (aclexplode(attacl)).grantee, 0::oid FROM pg_attribute WHERE attacl IS NOT NULL"
                + " UNION SELECT (aclexplode(proacl)).grantee, proowner FROM pg_proc WHERE proacl IS NOT NULL"
                + " UNION SELECT (aclexplode(nspacl)).grantee, nspowner FROM pg_namespace WHERE nspacl IS NOT NULL"
                + " UNION SELECT (aclexplode(typacl)).grantee, typowner FROM pg_type WHERE typacl IS NOT NULL"
                + ") x JOIN pg_roles r ON r.oid = x.role WHERE x.role <> 0 AND x.role <> x.owner");
        List<String> existing = names(target, "SELECT rolname FROM pg_roles");
        named.removeAll(existing);
        return named;
    }

    /** The first column of every row of {@code sql}. */
    static List<String> names(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Every non-system role of the source, as stubs on the local server. */
    public static void copy(Connection source, Connection local) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (Statement s = source.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_'")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        for (String role : roles) {
            create(local, role);
        }
    }
}
