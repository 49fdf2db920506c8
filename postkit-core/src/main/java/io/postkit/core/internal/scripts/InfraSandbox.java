package io.postkit.core.internal.scripts;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.local.SandboxRole;
import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlTokens;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code infra/} statements on a local database (the clone, a dry run's copy, the shadow) with no superuser
 * power, in the caller's transaction on its superuser connection: infra is code from a branch, like the schema
 * files. A {@link DefinerSandbox} role ({@code postkit_infra_<random>}) owns the database while infra runs, which is
 * what declaring infrastructure needs: it may create schemas, trusted extensions, types and functions, and grant on
 * what it owns. {@code COPY ... PROGRAM}, server files, {@code ALTER SYSTEM} or C code fail in PostgreSQL itself.
 *
 * <p>What the sandbox makes belongs to {@value #OWNER} once infra ran: a role with no attributes and no memberships,
 * so a {@code SECURITY DEFINER} function infra wrote runs with no power (as the superuser's, it would have all of
 * it). The next run's sandbox is a member of it, so infra may run again and again on the same clone ({@code CREATE
 * OR REPLACE}, {@code IF NOT EXISTS}). A shadow gives what it owns to the superuser once built
 * ({@link #giveToSuperuser}), when nothing runs there any more: a plan reads owners as if the superuser ran infra.
 *
 * <p>What a statement may still need, postkit does for it, and only that:
 * <ul>
 *   <li>roles: on a local database every role is a {@code NOLOGIN} stub. The roles infra creates are made as stubs
 *       before it runs; a statement that manages roles ({@code CREATE/ALTER/DROP ROLE}, {@code GRANT role}, or a
 *       {@code DO} block doing so) and is refused for it is skipped, and the run ends with one line naming them;</li>
 *   <li>an extension PostgreSQL does not trust its owner with is created (or updated) by the superuser, from the
 *       name, schema and version the statement gives, when the server offers it;</li>
 *   <li>a statement refused because it acts as another role ({@code AUTHORIZATION}, {@code OWNER TO}) or on
 *       another role's object ({@code CREATE OR REPLACE} of a function a clone has, {@code CREATE} in its schema)
 *       runs again once the sandbox is a member of that role, when it is a harmless one ({@link SandboxRole#admit});
 *       an object of the local superuser's (on a clone: the remote's owner had the superuser's name) is given to
 *       {@value #OWNER} first. One refused a foreign-data wrapper ({@code CREATE SERVER}) runs again once the
 *       sandbox may use it;</li>
 *   <li>comments, and privileges on user schemas and this database the sandbox may not grant, are given by the
 *       superuser; so are default privileges, which are for whoever runs the migrations here: the superuser. Only
 *       a statement with no {@code ;} anywhere in its text runs so, whatever a lexer makes of quotes.</li>
 * </ul>
 * {@link #finish()} gives the database back to its owner and what the sandbox made to {@value #OWNER}, then drops
 * the sandbox role.
 */
public final class InfraSandbox {

    /** Owns, on the local server, what infra made there. */
    public static final String OWNER = "postkit_infra";

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** privilege_not_granted, privilege_not_revoked: GRANT and REVOKE only warn when the role has no grant option. */
    private static final Set<String> PRIVILEGE_WARNINGS = Set.of("01007", "01006");
    private static final int MAX_LENT_PER_STATEMENT = 5;
    private static final String ONE_STATEMENT = "postkit runs this statement as the superuser on local databases,"
            + " and only when its text has no ';'";

    /** 13–15 "must be member of role", 16+ "must be able to SET ROLE". */
    private static final Pattern ACTS_AS = Pattern.compile("must be (?:member of role|able to SET ROLE) \"(.+?)\"");
    private static final Pattern NO_WRAPPER_PRIVILEGE = Pattern.compile(
            "permission denied for foreign-data wrapper (.+)$");
    private final Connection admin;
    private final DefinerSandbox definer;
    private final String database;
    private final String owner;
    private final String superuser;
    private final PostkitLog log;
    private final List<String> skipped = new ArrayList<>();

    private InfraSandbox(Connection admin, DefinerSandbox definer, String database, String owner, String superuser,
                         PostkitLog log) {
        this.admin = admin;
        this.definer = definer;
        this.database = database;
        this.owner = owner;
        this.superuser = superuser;
        this.log = log;
    }

    /**
     * @param admin      a superuser connection in a transaction
     * @param statements the infra statements to come: the roles they create are made as stubs now
     * @param settings   {@code SET} statements the session must keep between the statements
     */
    public static InfraSandbox open(Connection admin, Collection<ScriptStatement> statements, List<String> settings,
                                    PostkitLog log) throws SQLException {
        DefinerSandbox definer = DefinerSandbox.open(admin, "postkit_infra_", "INHERIT", settings);
        String database;
        String owner;
        String superuser;
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT d.datname::pg_catalog.text,"
                + " pg_catalog.pg_get_userbyid(d.datdba)::pg_catalog.text, CURRENT_USER::pg_catalog.text"
                + " FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()")) {
            rs.next();
            database = rs.getString(1);
            owner = rs.getString(2);
            superuser = rs.getString(3);
            s.execute("ALTER DATABASE " + Identifiers.quote(database) + " OWNER TO "
                    + Identifiers.quote(definer.role()));
        }
        InfraSandbox sandbox = new InfraSandbox(admin, definer, database, owner, superuser, log);
        Set<String> roles = new TreeSet<>(RoleStatements.createdBy(statements));
        roles.add(OWNER);
        sandbox.stub(roles);
        try (Statement s = admin.createStatement()) {
            s.execute("GRANT " + Identifiers.quote(OWNER) + " TO " + Identifiers.quote(definer.role()));
        }
        return sandbox;
    }

    /**
     * Runs one statement, in a savepoint of its own.
     *
     * @return why it failed, or null when it ran (or was skipped, or done by postkit, as the class says)
     */
    public SQLException attempt(ScriptStatement statement) throws SQLException {
        List<SqlTokens.Token> tokens = SqlTokens.of(statement.sql());
        if (SqlTokens.leadingWords(tokens, 3).equals("ALTER DEFAULT PRIVILEGES")) {
            return oneStatement(statement.sql()) ? asSuperuser(statement.sql())
                    : new SQLException(ONE_STATEMENT, INSUFFICIENT_PRIVILEGE);
        }
        for (int lent = 0; ; lent++) {
            SQLException refused = asSandbox(statement.sql());
            if (refused == null || !INSUFFICIENT_PRIVILEGE.equals(refused.getSQLState())) {
                return refused;
            }
            if (lent >= MAX_LENT_PER_STATEMENT || !lend(statement, refused)) {
                return insteadOfTheSandbox(statement, tokens, refused);
            }
        }
    }

    /**
     * Lends the sandbox what {@code refused} says it lacks, when harmless: membership of a role to act as (named in
     * the message, or owning what the message names), or use of a foreign-data wrapper (an extension's, made by the
     * superuser; its servers still need a password or the privileges to read files). Both end with the sandbox role.
     * What the message names and the local superuser owns (a clone's objects owned remotely by a role of the
     * superuser's name, as {@code postgres}) is given to {@value #OWNER}: never changed as the superuser.
     *
     * @return whether something was lent, so the statement may run again
     */
    private boolean lend(ScriptStatement statement, SQLException refused) throws SQLException {
        String message = message(refused);
        Matcher wrapper = NO_WRAPPER_PRIVILEGE.matcher(message);
        if (wrapper.find()) {
            try (Statement s = admin.createStatement()) {
                s.execute("GRANT USAGE ON FOREIGN DATA WRAPPER " + Identifiers.quote(wrapper.group(1).strip())
                        + " TO " + Identifiers.quote(definer.role()));
            }
            return true;
        }
        Matcher actsAs = ACTS_AS.matcher(message);
        if (actsAs.find()) {
            return admit(statement, actsAs.group(1));
        }
        boolean lent = false;
        for (RefusedObjects.OwnedObject object : RefusedObjects.named(admin, message)) {
            if (object.owner().equals(superuser)) {
                lent |= asSuperuser("ALTER " + object.command() + " " + object.identity() + " OWNER TO "
                        + Identifiers.quote(OWNER)) == null;
                log.debug(statement.location() + ": " + object.identity() + " now belongs to " + OWNER);
            } else {
                lent |= admit(statement, object.owner());
            }
        }
        return lent;
    }

    private boolean admit(ScriptStatement statement, String role) throws SQLException {
        if (!SandboxRole.admit(admin, definer.role(), role)) {
            return false;
        }
        log.debug(statement.location() + ": the infra sandbox acts as role '" + role + "'");
        return true;
    }

    /** Gives everything back (see the class), drops the role and says which role statements were skipped. */
    public void finish() throws SQLException {
        // every statement the sandbox ran was followed by a settle: the session is postkit's
        try (Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + Identifiers.quote(database) + " OWNER TO " + Identifiers.quote(owner));
        }
        definer.dropGivingWhatItMadeTo(OWNER);
        if (!skipped.isEmpty()) {
            log.info("infra/: " + skipped.size() + " role statement(s) left to the remotes (" + String.join(", ",
                    skipped) + "): on local databases roles are NOLOGIN stubs.");
        }
    }

    private SQLException asSandbox(String sql) throws SQLException {
        Savepoint savepoint = admin.setSavepoint();
        try {
            SQLWarning warnings = definer.execute(sql);
            SQLException refused = privilegeWarning(warnings);
            if (refused != null) {
                admin.rollback(savepoint);
                return refused;
            }
            admin.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException e) {
            admin.rollback(savepoint);
            return e;
        } finally {
            definer.settle();
        }
    }

    /**
     * A shadow's infra objects, once nothing runs there any more, to the superuser: as if it had run infra, so owners
     * read from the shadow mean what they did. {@code admin} is the shadow's superuser connection.
     */
    public static void giveToSuperuser(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM pg_catalog.pg_roles"
                + " WHERE rolname = " + Identifiers.literal(OWNER))) {
            if (rs.next()) {
                s.execute("REASSIGN OWNED BY " + Identifiers.quote(OWNER) + " TO CURRENT_USER");
            }
        }
    }

    /**
     * Whether a user's statement may run as the superuser as written: only with no {@code ;} anywhere in its text,
     * so no reading of its quotes (postkit's, pgjdbc's, the server's) can find a second statement in it.
     */
    private static boolean oneStatement(String sql) {
        return sql.indexOf(';') < 0;
    }

    /** Runs {@code sql}, postkit's text or a user's checked by {@link #oneStatement}, in a savepoint. */
    private SQLException asSuperuser(String sql) throws SQLException {
        Savepoint savepoint = admin.setSavepoint();
        try (Statement s = admin.createStatement()) {
            s.execute(sql);
            admin.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException e) {
            admin.rollback(savepoint);
            return e;
        }
    }

    /** A GRANT or REVOKE that did nothing for want of a grant option only warns: here it is a refusal. */
    private static SQLException privilegeWarning(SQLWarning warnings) {
        for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
            if (PRIVILEGE_WARNINGS.contains(w.getSQLState())) {
                return new SQLException(w.getMessage(), INSUFFICIENT_PRIVILEGE);
            }
        }
        return null;
    }

    /** What postkit does for a statement the sandbox was refused: skip it, or run what it asks as the superuser. */
    private SQLException insteadOfTheSandbox(ScriptStatement statement, List<SqlTokens.Token> tokens,
                                             SQLException refused) throws SQLException {
        ServerErrorMessage server = refused instanceof PSQLException pe ? pe.getServerErrorMessage() : null;
        if (RoleStatements.refusal(server == null ? null : server.getWhere(), message(refused))) {
            skipped.add(statement.location());
            log.debug(statement.location() + ": skipped on the local database (" + message(refused) + ")");
            return null;
        }
        String words = SqlTokens.leadingWords(tokens, 2);
        if (words.equals("CREATE EXTENSION") || words.equals("ALTER EXTENSION")) {
            Optional<ExtensionStatement> extension = ExtensionStatement.read(tokens);
            return extension.isPresent() && extension.get().offeredBy(admin) ? asSuperuser(extension.get().sql())
                    : refused;
        }
        if (words.startsWith("COMMENT ") || ((words.startsWith("GRANT ") || words.startsWith("REVOKE "))
                && onUserSchemasOrThisDatabase(tokens))) {
            return oneStatement(statement.sql()) ? asSuperuser(statement.sql()) : refused;
        }
        return refused;
    }

    /** {@code GRANT|REVOKE ... ON SCHEMA <user schemas> ...} or {@code ... ON DATABASE <this one> ...}. */
    private boolean onUserSchemasOrThisDatabase(List<SqlTokens.Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!tokens.get(i).isWord("ON")) {
                continue;
            }
            boolean schemas = tokens.get(i + 1).isWord("SCHEMA");
            if (!schemas && !tokens.get(i + 1).isWord("DATABASE")) {
                return false;
            }
            for (int j = i + 2; j < tokens.size() && !tokens.get(j).isWord("TO") && !tokens.get(j).isWord("FROM");
                 j++) {
                SqlTokens.Token name = tokens.get(j);
                if (name.kind() == SqlTokens.Kind.SYMBOL ? !name.text().equals(",")
                        : schemas ? isSystemSchema(name.identifier()) : !name.identifier().equals(database)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isSystemSchema(String schema) {
        return schema.startsWith("pg_") || schema.equals("information_schema");
    }

    /** NOLOGIN stubs of the {@code roles} that do not exist; a name PostgreSQL refuses is left to the statement. */
    private void stub(Collection<String> roles) throws SQLException {
        Set<String> missing = new TreeSet<>(roles);
        try (PreparedStatement ps = admin.prepareStatement("SELECT rolname::pg_catalog.text FROM pg_catalog.pg_roles"
                + " WHERE rolname = ANY (CAST(? AS pg_catalog.name[]))")) {
            ps.setArray(1, admin.createArrayOf("text", roles.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    missing.remove(rs.getString(1));
                }
            }
        }
        for (String role : missing) {
            SQLException refused = asSuperuser("CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN");
            if (refused != null) {
                log.debug("No stub of role '" + role + "': " + refused.getMessage());
            }
        }
    }

    private static String message(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException pe ? pe.getServerErrorMessage() : null;
        String message = server != null ? server.getMessage() : e.getMessage();
        return message == null ? "" : message;
    }
}
