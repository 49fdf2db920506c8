package io.postkit.core.internal.shadow;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.local.StubRoles;
import io.postkit.core.internal.scripts.InfraScript;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.GrantsPolicy;
import io.postkit.core.internal.schemafiles.SchemaDirectory;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.schemafiles.StatementPolicy;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the schema files in a shadow database so PostgreSQL itself builds the desired state. Statements run one by
 * one in autocommit, so a failure names its file and line. A statement that refers to something a later file
 * creates is retried after the others: users may split their schema into files in any order.
 */
final class ShadowLoader {

    /** undefined_table, undefined_object, invalid_schema_name, undefined_function, undefined_column. */
    private static final Set<String> MISSING_DEPENDENCY = Set.of("42P01", "42704", "3F000", "42883", "42703");

    private static final int MAX_STUB_ROLES_PER_STATEMENT = 20;

    private final PostkitLog log;

    ShadowLoader(PostkitLog log) {
        this.log = log;
    }

    void load(Connection c, SchemaDirectory directory) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET check_function_bodies = off");
            s.execute("SET client_min_messages = warning");
        }
        run(c, statements(directory, FileRole.INFRA, statement -> { }), true,
                "Fix the infra/ file; it runs before every migration too.");
        run(c, statements(directory, FileRole.DESIRED, StatementPolicy::check), false,
                "Fix the schema file and run postkit:plan again.");
        // after the objects they grant on: the privileges grants files give are desired state too
        run(c, statements(directory, FileRole.GRANTS, GrantsPolicy::check), false,
                "Fix the grants file and run postkit:plan again; it runs after every migration too.");
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

    /** @param infra whether these are infra statements, which skip what exists already (roles are cluster-wide) */
    private void run(Connection c, List<ScriptStatement> statements, boolean infra, String advice)
            throws SQLException {
        List<ScriptStatement> pending = statements;
        while (!pending.isEmpty()) {
            List<ScriptStatement> deferred = new ArrayList<>();
            SQLException firstFailure = null;
            for (ScriptStatement statement : pending) {
                SQLException failure = execute(c, statement);
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

    /** Runs one statement; a role it names that does not exist yet is created as a stub, then it runs again. */
    private SQLException execute(Connection c, ScriptStatement statement) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (Statement s = c.createStatement()) {
                s.execute(statement.sql());
                return null;
            } catch (SQLException e) {
                String role = StubRoles.missingRole(e);
                if (role == null || attempt >= MAX_STUB_ROLES_PER_STATEMENT) {
                    return e;
                }
                log.debug("Creating stub role '" + role + "' named by " + statement.source() + ":" + statement.line());
                StubRoles.create(c, role);
            }
        }
    }
}
