package io.postkit.core.internal.sql;

import io.postkit.core.api.SqlStatementException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

/**
 * One statement of a SQL script, with where it came from. Every error about a statement of a user's file is made
 * here, so they all point into the file the same way ({@link SqlStatementException}).
 *
 * @param sql    the statement text without its terminating semicolon, starting at its first character
 * @param source the script's name as the user sees it (a relative path)
 * @param line   the 1-based line of the statement's first character in the script
 * @param column the 1-based column of the statement's first character on that line
 */
public record ScriptStatement(String sql, String source, int line, int column) {

    /** A statement that starts a line. */
    public ScriptStatement(String sql, String source, int line) {
        this(sql, source, line, 1);
    }

    /**
     * The script line of a 1-based character {@code position} within {@link #sql()}, as PostgreSQL reports an
     * error's position. PostgreSQL counts characters, not UTF-16 units: an emoji before the error is one, not two.
     * A position outside the statement is clamped to it.
     */
    public int lineOf(int position) {
        long newlines = sql.codePoints().limit(Math.max(position - 1, 0)).filter(c -> c == '\n').count();
        return line + (int) newlines;
    }

    /** The 1-based column on {@link #lineOf(int) its line} of a character position, in characters. */
    public int columnOf(int position) {
        int[] before = sql.codePoints().limit(Math.max(position - 1, 0)).toArray();
        int lineStart = before.length;
        while (lineStart > 0 && before[lineStart - 1] != '\n') {
            lineStart--;
        }
        int column = before.length - lineStart + 1;
        return lineStart == 0 ? column + this.column - 1 : column;
    }

    /** {@code source:line} of the statement's start. */
    public String location() {
        return source + ":" + line;
    }

    /**
     * PostgreSQL rejected this statement: the error points at the line and column PostgreSQL names (else the
     * statement's start) and carries its SQLSTATE, message, detail and hint.
     *
     * @param advice what the user should do next, or null
     */
    public SqlStatementException failure(SQLException e, String advice) {
        ServerErrorMessage server = e instanceof PSQLException pe ? pe.getServerErrorMessage() : null;
        if (server == null) {
            return new SqlStatementException(source, line, column, e.getSQLState(), e.getMessage(), null, null, sql,
                    advice, e);
        }
        int position = positionIn(server);
        return new SqlStatementException(source, position > 0 ? lineOf(position) : line,
                position > 0 ? columnOf(position) : column, server.getSQLState(),
                server.getSeverity() + ": " + server.getMessage(), server.getDetail(), server.getHint(), sql, advice,
                e);
    }

    /**
     * Where PostgreSQL places the error in this statement: its position, or, when the statement ran as a query of a
     * function (PL/pgSQL's {@code EXECUTE}, as seeds run in their sandbox), the internal position in that query when
     * the query is this statement; 0 when it names none.
     */
    private int positionIn(ServerErrorMessage server) {
        if (server.getPosition() > 0) {
            return server.getPosition();
        }
        return sql.equals(server.getInternalQuery()) ? server.getInternalPosition() : 0;
    }

    /** postkit refuses to run this statement, for {@code reason}; nothing was sent to PostgreSQL. */
    public SqlStatementException refusal(String reason, String advice) {
        return new SqlStatementException(source, line, column, null, reason, null, null, sql, advice, null);
    }
}
