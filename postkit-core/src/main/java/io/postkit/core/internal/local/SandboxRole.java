package io.postkit.core.internal.local;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.catalog.ExtensionMembers;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.ScriptStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A role that runs a user's SQL (schema files from a branch) on a local database with no more power than that
 * needs: not a superuser, no CREATEDB, CREATEROLE, REPLICATION, no membership of {@code pg_read_server_files}
 * and the like. So {@code COPY ... PROGRAM}, server files, {@code ALTER SYSTEM}, {@code lo_import} or C code fail
 * in PostgreSQL itself. Statements reach it on a connection of its own ({@code user=<role>}), not through
 * {@code SET ROLE}, which the SQL could reset. (Seeds, which must share the last migration's transaction, use a
 * sandbox of their own that takes {@link #grantRowWrites}: {@code scripts/DefinerSandbox}.)
 *
 * <p>Made and dropped by a superuser connection to the same database ({@code admin}); marked like postkit's
 * databases ({@link CreationMarker}) so a role left by a killed goal is found and dropped. Closing it gives what it
 * owns to the superuser, drops its privileges and then the role.
 */
public final class SandboxRole implements AutoCloseable {

    private final RunningServer server;
    private final String database;
    private final Connection admin;
    private final String name;

    private SandboxRole(RunningServer server, String database, Connection admin, String name) {
        this.server = server;
        this.database = database;
        this.admin = admin;
        this.name = name;
    }

    /**
     * @param admin a superuser connection to {@code database}, in autocommit; it must stay open until the role is
     *              closed
     */
    public static SandboxRole create(RunningServer server, String database, Connection admin, String project)
            throws SQLException {
        CreationMarker marker = CreationMarker.now(Purpose.SANDBOX, project);
        String name = "postkit_sandbox_" + marker.token();
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + Identifiers.quote(name) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                    + " NOREPLICATION NOBYPASSRLS INHERIT");
            s.execute("COMMENT ON ROLE " + Identifiers.quote(name) + " IS " + Identifiers.literal(marker.toJson()));
        }
        return new SandboxRole(server, database, admin, name);
    }

    public String name() {
        return name;
    }

    /**
     * What declaring a schema needs: the role owns the database (so it may create schemas and, from PostgreSQL 15,
     * use {@code public}) and every schema the superuser made in it (infra, {@code public} before 15), so it can
     * create, comment on and grant on objects there. {@link #close()} gives them back.
     */
    public SandboxRole ownDatabase() throws SQLException {
        String role = Identifiers.quote(name);
        List<String> schemas = StubRoles.names(admin, "SELECT nspname FROM pg_namespace n"
                + " WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
                + " AND nspname <> 'information_schema' AND nspname !~ '^pg_'"
                + ExtensionMembers.excluded("pg_namespace", "n.oid"));
        try (Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + Identifiers.quote(database) + " OWNER TO " + role);
            for (String schema : schemas) {
                s.execute("ALTER SCHEMA " + Identifiers.quote(schema) + " OWNER TO " + role);
            }
        }
        return this;
    }

    /**
     * What seeds need, given to {@code role} on {@code admin}'s connection (in its transaction, if any): read and
     * write the rows of every table of {@code schemas} (row level security does not filter them: seeds write a
     * table's rows whoever may see them), use and set their sequences. Nothing else: no CREATE anywhere. A managed
     * schema the database does not have (yet) is left out.
     */
    public static void grantRowWrites(Connection admin, String role, Collection<String> schemas) throws SQLException {
        String quotedRole = Identifiers.quote(role);
        List<String> existing = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement("SELECT nspname::text FROM pg_catalog.pg_namespace"
                + " WHERE nspname = ANY (?) ORDER BY 1")) {
            ps.setArray(1, admin.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        try (Statement s = admin.createStatement()) {
            for (String schema : existing) {
                String quoted = Identifiers.quote(schema);
                s.execute("GRANT USAGE ON SCHEMA " + quoted + " TO " + quotedRole);
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + quoted + " TO "
                        + quotedRole);
                s.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + quoted + " TO " + quotedRole);
            }
        }
    }

    /** A new connection as the role, in autocommit. */
    public Connection connect() throws SQLException {
        return server.connectAs(database, name);
    }

    /**
     * Lets the role act as {@code role} (e.g. {@code ALTER TABLE … OWNER TO role}) when that is harmless: a plain
     * role with no attributes beyond LOGIN and no memberships of its own, as the stub roles are. A superuser, a
     * {@code pg_*} role or a role that is a member of anything is never admitted.
     *
     * @return whether the role was admitted
     */
    public boolean admit(String role) throws SQLException {
        return admit(admin, name, role);
    }

    /**
     * Makes {@code member} a member of {@code role}, on {@code admin}'s connection (in its transaction, if any), when
     * that is harmless: see {@link #admit(String)}. The catalog is named explicitly: untrusted statements may have
     * run in this session (temporary views shadow unqualified names).
     *
     * @return whether the role was admitted
     */
    public static boolean admit(Connection admin, String member, String role) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT NOT (r.rolsuper OR r.rolcreaterole"
                + " OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls"
                + " OR pg_catalog.starts_with(r.rolname::pg_catalog.text, 'pg_')"
                + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m WHERE m.member = r.oid))"
                + " FROM pg_catalog.pg_roles r WHERE r.rolname = CAST(? AS pg_catalog.name)"
                + " AND r.rolname <> CAST(? AS pg_catalog.name)")) {
            ps.setString(1, role);
            ps.setString(2, member);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (Statement s = admin.createStatement()) {
            s.execute("GRANT " + Identifiers.quote(role) + " TO " + Identifiers.quote(member));
        }
        return true;
    }

    /**
     * Runs statements as the role, in order, each in autocommit.
     *
     * @param advice what the user should do when one fails (see {@link ScriptStatement#failure})
     */
    public void run(List<ScriptStatement> statements, String advice) throws SQLException {
        try (Connection c = connect()) {
            for (ScriptStatement statement : statements) {
                try (Statement s = c.createStatement()) {
                    s.execute(statement.sql());
                } catch (SQLException e) {
                    throw statement.failure(e, advice);
                }
            }
        }
    }

    /** Gives what the role owns to the superuser, drops its privileges, then the role itself. */
    @Override
    public void close() throws SQLException {
        String role = Identifiers.quote(name);
        try (Statement s = admin.createStatement()) {
            s.execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER");
            s.execute("DROP OWNED BY " + role);
            s.execute("DROP ROLE " + role);
        } catch (SQLException e) {
            throw new PostkitException("Could not drop the sandbox role " + name + " on the local server: "
                    + e.getMessage() + ". It is dropped by the next goal that finds it.", e);
        }
    }

    /** Sandbox roles whose creating goal ended without dropping them (killed), by name. */
    public static List<String> leftovers(RunningServer server) throws SQLException {
        List<String> left = new java.util.ArrayList<>();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolname::text, shobj_description(oid, 'pg_authid') FROM pg_roles"
                     + " WHERE rolname LIKE 'postkit\\_sandbox\\_%' ORDER BY 1")) {
            while (rs.next()) {
                CreationMarker marker = CreationMarker.parse(rs.getString(2)).orElse(null);
                if (marker != null && marker.purpose() == Purpose.SANDBOX && !marker.creatorAlive()) {
                    left.add(rs.getString(1));
                }
            }
        }
        return left;
    }

    /** Drops a leftover sandbox role: first what it owns or was granted in each database that still records it. */
    public static void dropLeftover(RunningServer server, String role) throws SQLException {
        List<String> databases;
        try (Connection c = server.connect("postgres");
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT d.datname::text FROM pg_shdepend s"
                     + " JOIN pg_database d ON d.oid = s.dbid WHERE s.refclassid = 'pg_authid'::regclass"
                     + " AND s.refobjid = (SELECT oid FROM pg_roles WHERE rolname = ?) ORDER BY 1")) {
            ps.setString(1, role);
            databases = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    databases.add(rs.getString(1));
                }
            }
        }
        for (String database : databases) {
            try (Connection c = server.connect(database); Statement s = c.createStatement()) {
                s.execute("REASSIGN OWNED BY " + Identifiers.quote(role) + " TO CURRENT_USER");
                s.execute("DROP OWNED BY " + Identifiers.quote(role));
            }
        }
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + Identifiers.quote(role));
        }
    }
}
