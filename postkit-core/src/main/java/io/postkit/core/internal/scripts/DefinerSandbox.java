package io.postkit.core.internal.scripts;

import io.postkit.core.internal.sql.Identifiers;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs a user's statements (seeds, infra) on a local database with no superuser power, inside the caller's
 * transaction on the caller's superuser connection, so a failing statement still rolls back what ran before it in
 * that transaction (a connection of its own could not see it; {@code SET ROLE} could be reset by the statement).
 *
 * <p>A role made for this transaction ({@code <prefix><random>}, never a superuser, CREATEDB, CREATEROLE or
 * REPLICATION) runs each statement through a new {@code SECURITY DEFINER} PL/pgSQL function it owns, which
 * {@code EXECUTE}s the text: inside one, PostgreSQL refuses {@code SET ROLE}, {@code RESET ROLE},
 * {@code SET SESSION AUTHORIZATION} and {@code set_config('role', ...)}, so the statement cannot get the superuser
 * back. The function's name is random and new for every statement, so a statement cannot prepare (replace, make
 * {@code SECURITY INVOKER}) the function the superuser calls next.
 *
 * <p>Between the statements and postkit's own queries, {@link #settle()} undoes what a statement may leave in the
 * session for the superuser to trip over: settings (a {@code search_path} through which a function of the
 * statement's would be called), prepared statements and cursors. Temporary relations stay visible, so postkit's own
 * queries name {@code pg_catalog} explicitly. {@link #drop} removes every trace; when the transaction rolls back
 * instead (a failure, a killed JVM), so does the role.
 */
final class DefinerSandbox {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection c;
    private final String role;
    private final String settle;
    private final List<String> functions = new ArrayList<>();

    private DefinerSandbox(Connection c, String role, List<String> settings) {
        this.c = c;
        this.role = role;
        this.settle = String.join("; ", concat(List.of("RESET ALL", "DEALLOCATE ALL", "CLOSE ALL"), settings));
    }

    /**
     * @param c          a superuser connection in a transaction
     * @param prefix     the role's name before its random part
     * @param attributes what the role may do beyond the defaults ({@code BYPASSRLS}, {@code INHERIT})
     * @param settings   {@code SET} statements the session keeps between the statements: {@link #settle()} makes
     *                   them again after resetting everything
     */
    static DefinerSandbox open(Connection c, String prefix, String attributes, List<String> settings)
            throws SQLException {
        String role = prefix + randomHex();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                    + " NOREPLICATION " + attributes);
        }
        return new DefinerSandbox(c, role, settings);
    }

    String role() {
        return role;
    }

    /**
     * Runs one statement as the sandbox role.
     *
     * @return the warnings PostgreSQL sent with it (such as "no privileges were granted"), or null
     */
    SQLWarning execute(String sql) throws SQLException {
        String function = "pg_temp." + Identifiers.quote(role + "_" + randomHex());
        try (Statement s = c.createStatement()) {
            // one round trip for both
            s.execute("CREATE FUNCTION " + function + "(statement pg_catalog.text) RETURNS void LANGUAGE plpgsql"
                    + " SECURITY DEFINER AS $postkit$BEGIN EXECUTE statement; END$postkit$;"
                    + " ALTER FUNCTION " + function + "(pg_catalog.text) OWNER TO " + Identifiers.quote(role));
        }
        functions.add(function + "(pg_catalog.text)");
        // The cast picks the function just made, whatever overloads a statement may have added under its name.
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(CAST(? AS pg_catalog.text))")) {
            ps.setString(1, sql);
            ps.execute();
            return ps.getWarnings();
        }
    }

    /**
     * Undoes what the statements run so far left in the session, in one round trip: settings back to the
     * connection's and the sandbox's own, prepared statements (pgjdbc sees {@code DEALLOCATE ALL} and prepares its
     * own again) and cursors gone.
     */
    void settle() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(settle);
        }
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /** Settles, then drops the functions, what the statements created, the role's privileges and the role. */
    void drop() throws SQLException {
        dropGivingWhatItMadeTo(null);
    }

    /**
     * As {@link #drop()}, but what the statements created is first given to {@code heir} (never the superuser:
     * a {@code SECURITY DEFINER} function the statements wrote would then run as it). Null drops it.
     */
    void dropGivingWhatItMadeTo(String heir) throws SQLException {
        settle();
        String quoted = Identifiers.quote(role);
        try (Statement s = c.createStatement()) {
            if (heir != null) {
                // the functions are postkit's, not something the statements made
                s.execute("DROP FUNCTION IF EXISTS " + String.join(", ", functions));
                s.execute("REASSIGN OWNED BY " + quoted + " TO " + Identifiers.quote(heir));
            }
            s.execute("DROP OWNED BY " + quoted);
            s.execute("DROP ROLE " + quoted);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
