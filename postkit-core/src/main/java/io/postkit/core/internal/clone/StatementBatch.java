package io.postkit.core.internal.clone;

import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs many statements in one transaction in few round trips: a clone of a thousand tables is some five thousand
 * statements, and one round trip each costs more than most of them take to run.
 */
final class StatementBatch {

    private StatementBatch() {
    }

    /** Runs {@code statements} in one transaction; on failure it is rolled back and the failing statement named. */
    static void run(Connection c, List<String> rendered) throws SQLException {
        // A batch entry must be one statement (pgjdbc counts one result per entry); a rendered change may be two.
        List<String> statements = rendered.stream()
                .flatMap(sql -> SqlScript.split(sql, "clone").stream().map(ScriptStatement::sql)).toList();
        if (statements.isEmpty()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.addBatch(sql);
            }
            s.executeBatch();
            c.commit();
        } catch (BatchUpdateException e) {
            c.rollback();
            throw failed(e, statements);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The cause of a failed batch with the statement that failed, rather than the batch's general message. */
    private static SQLException failed(BatchUpdateException e, List<String> statements) {
        int[] done = e.getUpdateCounts();
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        if (done == null || done.length >= statements.size()) {
            return cause;
        }
        return new SQLException(cause.getMessage() + " (in: " + abbreviate(statements.get(done.length)) + ")",
                cause.getSQLState(), cause);
    }

    private static String abbreviate(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
