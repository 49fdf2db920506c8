package io.postkit.core.internal.shadow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.sql.ScriptStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/** Turns a PostgreSQL error on a schema-file statement into {@code file:line: message} with PostgreSQL's words. */
final class SchemaFileError {

    private SchemaFileError() {
    }

    static PostkitException of(ScriptStatement statement, SQLException e, String advice) {
        int line = statement.line();
        String message = e.getMessage();
        StringBuilder extra = new StringBuilder();
        if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
            ServerErrorMessage server = pe.getServerErrorMessage();
            if (server.getPosition() > 0) {
                line = statement.lineOf(server.getPosition());
            }
            message = server.getSeverity() + ": " + server.getMessage() + " (SQLSTATE " + server.getSQLState() + ")";
            if (server.getDetail() != null) {
                extra.append("\n  Detail: ").append(server.getDetail());
            }
            if (server.getHint() != null) {
                extra.append("\n  Hint: ").append(server.getHint());
            }
        }
        return new PostkitException(statement.source() + ":" + line + ": " + message + extra
                + "\n  Statement: " + firstLine(statement.sql()) + "\n" + advice, e);
    }

    private static String firstLine(String sql) {
        String first = sql.strip().lines().findFirst().orElse("");
        return first.length() > 120 ? first.substring(0, 117) + "..." : first;
    }
}
