package io.postkit.core.internal.scripts;

import io.postkit.core.internal.schemafiles.GrantsPolicy;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.sql.ScriptStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs the grants files after migrations, in the caller's transaction. The same files built the desired state in
 * the shadow, so here they give what a plan already granted, plus privileges on objects that no migration touched.
 */
public final class GrantScript {

    private final List<ScriptStatement> statements;

    public GrantScript(List<SchemaFile> files) {
        this.statements = InfraScript.split(files);
        statements.forEach(GrantsPolicy::check);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    public void run(Connection c) {
        for (ScriptStatement statement : statements) {
            try (Statement s = c.createStatement()) {
                s.execute(statement.sql());
            } catch (SQLException e) {
                throw statement.failure(e, "Fix the grants file: it runs after the migrations on every database"
                        + " postkit migrates, and in the shadow of every plan.");
            }
        }
    }
}
