package io.postkit.core.internal.scripts;

import io.postkit.core.internal.local.SandboxRole;
import io.postkit.core.internal.sql.Identifiers;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Runs seed statements on a local database with no superuser power, inside the caller's transaction on the caller's
 * superuser connection, so a failing seed still rolls the migration before it back (a connection of its own could
 * not see that migration; {@code SET ROLE} could be reset by the seed).
 *
 * <p>A role made for this transaction ({@code postkit_seed_<random>}: no superuser, CREATEDB, CREATEROLE or
 * REPLICATION; BYPASSRLS, as seeds write rows whoever may see them) may read and write the rows of the managed
 * schemas' tables and use their sequences. Each statement runs through a new {@code SECURITY DEFINER} PL/pgSQL
 * function it owns, which {@code EXECUTE}s the text: inside one, PostgreSQL refuses {@code SET ROLE},
 * {@code RESET ROLE}, {@code SET SESSION AUTHORIZATION} and {@code set_config('role', ...)}, so the statement
 * cannot get the superuser back. The function's name is random and new for every statement, so a statement cannot
 * prepare (replace, make {@code SECURITY INVOKER}) the function the superuser calls next.
 *
 * <p>Between the statements and postkit's own queries, {@link #settle()} undoes what a statement may leave in the
 * session for the superuser to trip over: settings (a {@code search_path} through which a function of the seed's
 * would be called), prepared statements and cursors. {@link #drop()} removes every trace; when the transaction
 * rolls back instead (a failure, a killed JVM), so does the role.
 */
final class SeedSandbox {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection c;
    private final String role;

    private SeedSandbox(Connection c, String role) {
        this.c = c;
        this.role = role;
    }

    /** @param c a superuser connection in a transaction */
    static SeedSandbox open(Connection c, Collection<String> schemas) throws SQLException {
        String role = "postkit_seed_" + randomHex();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                    + " NOREPLICATION NOINHERIT BYPASSRLS");
        }
        SandboxRole.grantRowWrites(c, role, schemas);
        return new SeedSandbox(c, role);
    }

    /** Runs one statement as the sandbox role. */
    void execute(String sql) throws SQLException {
        String function = "pg_temp." + Identifiers.quote(role + "_" + randomHex());
        try (Statement s = c.createStatement()) {
            // one round trip for both
            s.execute("CREATE FUNCTION " + function + "(statement pg_catalog.text) RETURNS void LANGUAGE plpgsql"
                    + " SECURITY DEFINER AS $postkit$BEGIN EXECUTE statement; END$postkit$;"
                    + " ALTER FUNCTION " + function + "(pg_catalog.text) OWNER TO " + Identifiers.quote(role));
        }
        // The cast picks the function just made, whatever overloads a statement may have added under its name.
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(CAST(? AS pg_catalog.text))")) {
            ps.setString(1, sql);
            ps.execute();
        }
    }

    /**
     * Undoes what the statements run so far left in the session: settings back to the connection's, prepared
     * statements (pgjdbc sees {@code DEALLOCATE ALL} and prepares its own again) and cursors gone.
     */
    void settle() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("RESET ALL");
            s.execute("DEALLOCATE ALL");
            s.execute("CLOSE ALL");
        }
    }

    /** Settles, then drops the functions, what the statements created and the privileges, then the role. */
    void drop() throws SQLException {
        settle();
        try (Statement s = c.createStatement()) {
            s.execute("DROP OWNED BY " + Identifiers.quote(role));
            s.execute("DROP ROLE " + Identifiers.quote(role));
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
