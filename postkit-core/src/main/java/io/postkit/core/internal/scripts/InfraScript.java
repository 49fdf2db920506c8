package io.postkit.core.internal.scripts;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the {@code infra/} files (roles, schemas, extensions) on a database before its migrations: the clone at
 * {@code start} and before each {@code apply}, a deploy's dry run and its target. In one transaction, so a failure
 * leaves the database as it was. Infra runs again and again on the same database, so a {@code CREATE} of something
 * that is already there (a role, which PostgreSQL cannot create {@code IF NOT EXISTS}; a schema) is skipped.
 */
public final class InfraScript {

    /** duplicate_object (roles, extensions, types, ...), duplicate_schema. */
    private static final Set<String> ALREADY_EXISTS = Set.of("42710", "42P06");

    static final String ADVICE = "Fix the infra/ file: it runs before the migrations on every database postkit"
            + " migrates.";

    /** Why a statement may fail on a local database and nowhere else. */
    public static final String LOCAL_ADVICE = ADVICE + " On local databases (the clone, the shadow, a dry run) it"
            + " runs as a role that owns the database but is not a superuser: it may create schemas, types,"
            + " functions and extensions (postkit creates those the server offers), and roles there are NOLOGIN"
            + " stubs. Keep what needs a superuser (server settings, programs, files, C code) out of infra/.";

    private final List<ScriptStatement> statements;
    private final PostkitLog log;

    public InfraScript(List<SchemaFile> files, PostkitLog log) {
        this.statements = split(files);
        this.log = log;
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /** Whether {@code e} only says that what {@code statement} creates exists already. */
    public static boolean alreadyExists(ScriptStatement statement, SQLException e) {
        return ALREADY_EXISTS.contains(e.getSQLState())
                && statement.sql().strip().toUpperCase(Locale.ROOT).startsWith("CREATE");
    }

    /**
     * Runs every statement in one transaction on {@code c}, which is left in the auto-commit mode it had: on a local
     * database in an {@link InfraSandbox}, on a remote as the user postkit connects as.
     */
    public void run(Connection c, ScriptTarget where) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (where.sandboxed()) {
                runSandboxed(c);
            } else {
                for (ScriptStatement statement : statements) {
                    execute(c, statement);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void runSandboxed(Connection c) throws SQLException {
        InfraSandbox sandbox = InfraSandbox.open(c, statements, List.of(), log);
        for (ScriptStatement statement : statements) {
            SQLException failure = sandbox.attempt(statement);
            if (failure != null && !alreadyExists(statement, failure)) {
                throw statement.failure(failure, LOCAL_ADVICE);
            }
            if (failure != null) {
                log.debug(statement.location() + ": already there (" + failure.getMessage() + ")");
            }
        }
        sandbox.finish();
    }

    private void execute(Connection c, ScriptStatement statement) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute(statement.sql());
            c.releaseSavepoint(before);
        } catch (SQLException e) {
            c.rollback(before);
            if (!alreadyExists(statement, e)) {
                throw statement.failure(e, ADVICE);
            }
            log.debug(statement.location() + ": already there (" + e.getMessage() + ")");
        }
    }

    /**
     * The roles that running these statements on {@code target} would create there. They run in a transaction that
     * is rolled back, so the target is not changed; a statement that fails there is left out.
     */
    public Set<String> rolesCreatedOn(Connection target) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            try (Statement s = target.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '5s'");
            }
            Set<String> before = roles(target);
            for (ScriptStatement statement : statements) {
                Savepoint savepoint = target.setSavepoint();
                try (Statement s = target.createStatement()) {
                    s.execute(statement.sql());
                } catch (SQLException e) {
                    target.rollback(savepoint);
                }
            }
            Set<String> created = roles(target);
            created.removeAll(before);
            return created;
        } finally {
            target.rollback();
            target.setAutoCommit(autoCommit);
        }
    }

    private static Set<String> roles(Connection c) throws SQLException {
        Set<String> roles = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rolname FROM pg_roles")) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }

    static List<ScriptStatement> split(List<SchemaFile> files) {
        List<ScriptStatement> all = new ArrayList<>();
        for (SchemaFile file : files) {
            all.addAll(SqlScript.split(file.content(), file.path()));
        }
        return List.copyOf(all);
    }
}
