package io.postkit.core.internal.sql;

/**
 * One statement of a SQL script, with where it came from.
 *
 * @param sql    the statement text without its terminating semicolon, starting at its first character
 * @param source the script's name as the user sees it (a relative path)
 * @param line   the 1-based line of the statement's first character in the script
 */
public record ScriptStatement(String sql, String source, int line) {

    /**
     * The script line of a 1-based character {@code position} within {@link #sql()}, as PostgreSQL reports an
     * error's position. PostgreSQL counts characters, not UTF-16 units: an emoji before the error is one, not two.
     * A position outside the statement is clamped to it.
     */
    public int lineOf(int position) {
        long newlines = sql.codePoints().limit(Math.max(position - 1, 0)).filter(c -> c == '\n').count();
        return line + (int) newlines;
    }

    /** {@code source:line} of a character position, the way every postkit error points into a file. */
    public String locationOf(int position) {
        return source + ":" + lineOf(position);
    }

    /** {@code source:line} of the statement's start. */
    public String location() {
        return source + ":" + line;
    }
}
