package io.postkit.core.internal.shadow;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.local.SandboxRole;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.internal.scripts.InfraSandbox;
import io.postkit.core.internal.scripts.InfraScript;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.GrantsPolicy;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.schemafiles.StatementPolicy;
import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;
import io.postkit.core.internal.sql.SqlTokens;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the schema files in a shadow database so PostgreSQL itself builds the desired state. Statements run one by
 * one in autocommit, so a failure names its file and line. A statement that refers to something a later file
 * creates is retried after the others: users may split their schema into files in any order.
 *
 * <p>{@code infra/} runs in an {@link InfraSandbox}; the desired-state files run as a {@link SandboxRole} that owns
 * the shadow and nothing else. Stub roles the files name are created, and the
 * sandbox admitted to them, through the superuser connection.
 */
final class ShadowLoader {

    /** undefined_table, undefined_object, invalid_schema_name, undefined_function, undefined_column. */
    private static final Set<String> MISSING_DEPENDENCY = Set.of("42P01", "42704", "3F000", "42883", "42703");

    /** "must be member of role" (13–15), "must be able to SET ROLE" (16+): what OWNER TO says without membership. */
    private static final Pattern NOT_MEMBER = Pattern.compile("must be (?:member of role|able to SET ROLE) \"(.+)\"");

    /** What {@code OWNER TO} says (15+) when the new owner may not create in the object's schema. */
    private static final Pattern NO_CREATE = Pattern.compile("permission denied for schema (.+)");

    private static final int MAX_ROLES_PER_STATEMENT = 20;

    private static final String ROLE_NAME = "(?:\"(?:[^\"]|\"\")*\"|[^\\s,\"]+)";

    /** The start of a default privileges statement up to the roles it is for: {@code … FOR ROLE a, "B" }. */
    private static final Pattern FOR_ROLES = Pattern.compile("ALTER\\s+DEFAULT\\s+PRIVILEGES\\s+FOR\\s+(?:ROLE|USER)\\s+"
            + ROLE_NAME + "(?:\\s*,\\s*" + ROLE_NAME + ")*\\s+", Pattern.CASE_INSENSITIVE);

    private final SchemaDirectory directory;
    /** Read once: it runs in {@link #loadInfra}, and its default privileges again in {@link #loadDesired}. */
    private final List<ScriptStatement> infra;
    private final PostkitLog log;

    ShadowLoader(SchemaDirectory directory, PostkitLog log) {
        this.directory = directory;
        this.infra = statements(directory, FileRole.INFRA, statement -> { });
        this.log = log;
    }

    /**
     * {@code infra/}, in an {@link InfraSandbox} (it prepares what the schema files need: schemas, extensions; roles
     * are stubs), in one transaction on the superuser connection.
     */
    void loadInfra(Connection admin) throws SQLException {
        prepare(admin);
        if (infra.isEmpty()) {
            return;
        }
        admin.setAutoCommit(false);
        try {
            // the clone's infra (start, apply) names the role statements it skips; each plan naming them again
            // is noise
            InfraSandbox sandbox = InfraSandbox.open(admin, infra, SESSION, quieter(log));
            run(infra, true, InfraScript.LOCAL_ADVICE, statement -> attemptInfra(admin, sandbox, statement));
            sandbox.finish();
            admin.commit();
        } catch (SQLException | RuntimeException e) {
            admin.rollback();
            throw e;
        } finally {
            admin.setAutoCommit(true);
        }
    }

    /**
     * The desired-state files (each refused unless declarative), then the grants files, run as {@code sandbox}. The
     * grants files' default privileges run first too: on a clone or a target they are in place before a migration
     * creates objects, so the objects of the schema files get them here as they will there (else a plan would revoke
     * what they give). So do infra's, which ran for the superuser already: here they reach the sandbox's objects too.
     */
    void loadDesired(Connection admin, Connection sandboxed, SandboxRole sandbox) throws SQLException {
        prepare(sandboxed);
        for (ScriptStatement statement : infra) {
            String own = isDefaultPrivileges(statement) ? withoutRoles(statement) : null;
            SQLException failure = own == null ? null : executeOwn(sandboxed, own);
            if (failure != null && !MISSING_DEPENDENCY.contains(failure.getSQLState())) {
                throw statement.failure(failure, InfraScript.LOCAL_ADVICE);
            }
        }
        String grantsAdvice = "Fix the grants file and run postkit:plan again; it runs after every migration too.";
        List<ScriptStatement> grants = statements(directory, FileRole.GRANTS, GrantsPolicy::check);
        for (ScriptStatement statement : grants) {
            SQLException failure = isDefaultPrivileges(statement) ? execute(admin, sandboxed, sandbox, statement)
                    : null;
            // one IN SCHEMA a schema file creates runs after the schema files, with the others
            if (failure != null && !MISSING_DEPENDENCY.contains(failure.getSQLState())) {
                throw statement.failure(failure, grantsAdvice);
            }
        }
        run(statements(directory, FileRole.DESIRED, StatementPolicy::check), false,
                "Fix the schema file and run postkit:plan again.",
                statement -> execute(admin, sandboxed, sandbox, statement));
        // after the objects they grant on: the privileges grants files give are desired state too
        run(grants, false, grantsAdvice, statement -> execute(admin, sandboxed, sandbox, statement));
    }

    private static PostkitLog quieter(PostkitLog log) {
        return new PostkitLog() {
            @Override public void info(String message) { log.debug(message); }
            @Override public void warn(String message) { log.warn(message); }
            @Override public void debug(String message) { log.debug(message); }
        };
    }

    /** A role the statement names that does not exist is made a stub, as for the schema files. */
    private SQLException attemptInfra(Connection admin, InfraSandbox sandbox, ScriptStatement statement)
            throws SQLException {
        for (int stubs = 0; ; stubs++) {
            SQLException failure = sandbox.attempt(statement);
            String missing = failure == null ? null : StubRoles.missingRole(failure);
            if (missing == null || stubs >= MAX_ROLES_PER_STATEMENT) {
                return failure;
            }
            log.debug("Creating stub role '" + missing + "' named by " + statement.location());
            StubRoles.create(admin, missing);
        }
    }

    /** The session the files run in: bodies are checked when the shadow is read, not while files load in any order. */
    private static final List<String> SESSION = List.of("SET check_function_bodies = off",
            "SET client_min_messages = warning");

    private static void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String setting : SESSION) {
                s.execute(setting);
            }
        }
    }

    private static List<ScriptStatement> statements(SchemaDirectory directory, FileRole role,
                                                    Consumer<ScriptStatement> policy) {
        List<ScriptStatement> all = new ArrayList<>();
        for (SchemaFile file : directory.files(role)) {
            for (ScriptStatement statement : SqlScript.split(file.content(), file.path())) {
                policy.accept(statement);
                all.add(statement);
            }
        }
        return all;
    }

    private interface Execution {
        SQLException run(ScriptStatement statement) throws SQLException;
    }

    /** @param infra whether these are infra statements, which skip what exists already (roles are cluster-wide) */
    private void run(List<ScriptStatement> statements, boolean infra, String advice, Execution execution)
            throws SQLException {
        List<ScriptStatement> pending = statements;
        while (!pending.isEmpty()) {
            List<ScriptStatement> deferred = new ArrayList<>();
            SQLException firstFailure = null;
            for (ScriptStatement statement : pending) {
                SQLException failure = execution.run(statement);
                if (failure == null || (infra && InfraScript.alreadyExists(statement, failure))) {
                    continue;
                }
                if (!MISSING_DEPENDENCY.contains(failure.getSQLState())) {
                    throw statement.failure(failure, advice);
                }
                if (firstFailure == null) {
                    firstFailure = failure;
                }
                deferred.add(statement);
            }
            if (deferred.size() == pending.size()) {
                throw deferred.get(0).failure(firstFailure, advice);
            }
            if (!deferred.isEmpty()) {
                log.debug("Retrying " + deferred.size() + " statement(s) that refer to objects created later");
            }
            pending = deferred;
        }
    }

    /**
     * Runs one statement; a role it names that does not exist yet is created as a stub, and a role the sandbox must
     * act as is admitted when harmless, then it runs again. Default privileges are the superuser's, as a migration
     * runs as the superuser on the clone: they go through {@code admin}, and also through {@code c} without their
     * {@code FOR ROLE} (the sandbox stands for whoever runs the migrations), so objects the sandbox creates after
     * them get them as they would.
     */
    private SQLException execute(Connection admin, Connection c, SandboxRole sandbox, ScriptStatement statement)
            throws SQLException {
        boolean defaults = isDefaultPrivileges(statement);
        List<String> undo = new ArrayList<>();
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (defaults) {
                        executeOn(admin, statement.sql());
                        String own = withoutRoles(statement);
                        if (own != null) {
                            executeOn(c, own);
                        }
                    } else {
                        executeOn(c, statement.sql());
                    }
                    return null;
                } catch (SQLException e) {
                    if (attempt >= MAX_ROLES_PER_STATEMENT || !resolved(admin, sandbox, statement, e, undo)) {
                        return e;
                    }
                }
            }
        } finally {
            for (String sql : undo) {
                try (Statement s = admin.createStatement()) {
                    s.execute(sql);
                }
            }
        }
    }

    private static SQLException executeOwn(Connection sandboxed, String sql) {
        try {
            executeOn(sandboxed, sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static void executeOn(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * @param undo collects what to take back once the statement ran (a privilege lent just for it)
     * @return whether the cause of {@code e} was removed, so the statement may run again
     */
    private boolean resolved(Connection admin, SandboxRole sandbox, ScriptStatement statement, SQLException e,
                             List<String> undo) throws SQLException {
        String missing = StubRoles.missingRole(e);
        if (missing != null) {
            log.debug("Creating stub role '" + missing + "' named by " + statement.location());
            StubRoles.create(admin, missing);
            return true;
        }
        Matcher member = "42501".equals(e.getSQLState()) && e.getMessage() != null
                ? NOT_MEMBER.matcher(e.getMessage()) : null;
        if (member != null && member.find() && sandbox.admit(member.group(1))) {
            log.debug("Letting the shadow's sandbox act as role '" + member.group(1) + "' for "
                    + statement.location());
            return true;
        }
        return lendCreate(admin, sandbox, statement, e, undo);
    }

    /**
     * A superuser may give an object to any role; anyone else only to a role that may create in the object's schema
     * (PostgreSQL 15+). The schema files only say who owns it, so that privilege is lent for the statement and taken
     * back right after: it is no part of the desired state.
     */
    private static boolean lendCreate(Connection admin, SandboxRole sandbox, ScriptStatement statement,
                                      SQLException e, List<String> undo) throws SQLException {
        Matcher schema = "42501".equals(e.getSQLState()) && e.getMessage() != null
                ? NO_CREATE.matcher(e.getMessage()) : null;
        String owner = newOwner(statement);
        if (schema == null || !schema.find() || owner == null || !undo.isEmpty() || !sandbox.admit(owner)) {
            return false;
        }
        String grant = " CREATE ON SCHEMA " + Identifiers.quote(schema.group(1).strip()) + " ";
        try (Statement s = admin.createStatement()) {
            s.execute("GRANT" + grant + "TO " + Identifiers.quote(owner));
        }
        undo.add("REVOKE" + grant + "FROM " + Identifiers.quote(owner));
        return true;
    }

    /** The role after {@code OWNER TO}, or null (none, or CURRENT_USER and the like). */
    private static String newOwner(ScriptStatement statement) {
        List<SqlTokens.Token> tokens = SqlTokens.of(statement.sql());
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isWord("OWNER") && tokens.get(i + 1).isWord("TO")) {
                SqlTokens.Token role = tokens.get(i + 2);
                boolean special = role.kind() == SqlTokens.Kind.WORD && role.text().matches(
                        "CURRENT_USER|CURRENT_ROLE|SESSION_USER");
                return special ? null : role.identifier();
            }
        }
        return null;
    }

    private static boolean isDefaultPrivileges(ScriptStatement statement) {
        return SqlTokens.leadingWords(SqlTokens.of(statement.sql()), 3).equals("ALTER DEFAULT PRIVILEGES");
    }

    /**
     * The default privileges statement for the role that runs it: without its {@code FOR ROLE a, b}; null when that
     * clause is written in a way this does not read (comments inside it), then only the named roles get them.
     */
    private static String withoutRoles(ScriptStatement statement) {
        Matcher m = FOR_ROLES.matcher(statement.sql());
        if (m.lookingAt()) {
            return "ALTER DEFAULT PRIVILEGES " + statement.sql().substring(m.end());
        }
        return namesRole(statement) ? null : statement.sql();
    }

    private static boolean namesRole(ScriptStatement statement) {
        List<SqlTokens.Token> tokens = SqlTokens.of(statement.sql());
        for (int i = 3; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("FOR") && (tokens.get(i + 1).isWord("ROLE") || tokens.get(i + 1).isWord("USER"))) {
                return true;
            }
        }
        return false;
    }
}
