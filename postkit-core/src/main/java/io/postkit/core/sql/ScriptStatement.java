package io.postkit.core.sql;

/**
 * One statement of a SQL script, with where it came from.
 *
 * @param sql    the statement text without its terminating semicolon, starting at its first character
 * @param source the script's name as the user sees it (a relative path)
 * @param line   the 1-based line of the statement's first character in the script
 */
public record ScriptStatement(String sql, String source, int line) {

    /** The script line of a 1-based character {@code position} within {@link #sql()} (PostgreSQL's error position). */
    public int lineOf(int position) {
        int end = Math.min(Math.max(position - 1, 0), sql.length());
        int newlines = 0;
        for (int i = 0; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                newlines++;
            }
        }
        return line + newlines;
    }
}
