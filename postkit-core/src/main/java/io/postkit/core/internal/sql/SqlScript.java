package io.postkit.core.internal.sql;

import io.postkit.core.api.PostkitException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements on top-level semicolons, the way PostgreSQL's lexer sees them: semicolons
 * inside strings ({@code '…'}, {@code E'…'}), quoted identifiers, dollar-quoted bodies and comments (nested block
 * comments included) do not end a statement. Statements made only of comments are dropped.
 */
public final class SqlScript {

    private final String text;
    private final String source;
    private final List<ScriptStatement> statements = new ArrayList<>();
    private int pos;
    private int line;
    private int start = -1;
    private int startLine;
    private int startColumn;

    private SqlScript(String text, String source, int firstLine) {
        this.text = text;
        this.source = source;
        this.line = firstLine;
    }

    /** @param source the script's path as the user sees it, used in {@code file:line} of statements and errors */
    public static List<ScriptStatement> split(String text, String source) {
        return split(text, source, 1);
    }

    /**
     * Splits a part of a file, e.g. a migration's up section, so that lines are counted as in the whole file.
     *
     * @param firstLine the file line on which {@code text} begins
     */
    public static List<ScriptStatement> split(String text, String source, int firstLine) {
        SqlScript script = new SqlScript(text, source, firstLine);
        script.scan();
        return List.copyOf(script.statements);
    }

    private void scan() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (Character.isWhitespace(c)) {
                advance();
            } else {
                markStart();
                if (c == ';') {
                    endStatement();
                    advance();
                } else if (c == '\'') {
                    skipQuoted('\'', isEscapeString());
                } else if (c == '"') {
                    skipQuoted('"', false);
                } else if (c == '$' && dollarTag() != null) {
                    skipDollarQuoted(dollarTag());
                } else if (c == '\\' && atLineStart()) {
                    throw metaCommand();
                } else {
                    advance();
                }
            }
        }
        endStatement();
    }

    /** Only the command's name is shown: its arguments may hold a connection string. */
    private PostkitException metaCommand() {
        int end = text.indexOf('\n', pos);
        String command = text.substring(pos, end < 0 ? text.length() : end).strip().split("\\s+")[0];
        int column = pos - (text.lastIndexOf('\n', pos - 1) + 1) + 1;
        return new ScriptStatement(command, source, line, column).refusal("psql meta-commands are not supported in schema"
                + " files or migrations (" + command + ")", "postkit sends each statement to PostgreSQL itself,"
                + " without psql: remove the line or write it as SQL.");
    }

    private void markStart() {
        if (start < 0) {
            start = pos;
            startLine = line;
            startColumn = pos - (text.lastIndexOf('\n', pos - 1) + 1) + 1;
        }
    }

    private void endStatement() {
        if (start >= 0) {
            String sql = text.substring(start, pos).strip();
            if (!sql.isEmpty()) {
                statements.add(new ScriptStatement(sql, source, startLine, startColumn));
            }
        }
        start = -1;
    }

    private boolean isEscapeString() {
        if (pos == 0 || Character.toUpperCase(text.charAt(pos - 1)) != 'E') {
            return false;
        }
        return pos < 2 || !isIdentifierChar(text.charAt(pos - 2));
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        advance();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                advance();
                advance();
            } else if (c == quote) {
                advance();
                if (peek(0) != quote) {
                    return;
                }
                advance();
            } else {
                advance();
            }
        }
    }

    /** {@code $tag$} at the current position, or null when the {@code $} is a parameter like {@code $1}. */
    private String dollarTag() {
        if (pos > 0 && isIdentifierChar(text.charAt(pos - 1))) {
            return null;
        }
        int end = pos + 1;
        while (end < text.length() && isTagChar(text.charAt(end), end == pos + 1)) {
            end++;
        }
        if (end < text.length() && text.charAt(end) == '$') {
            return text.substring(pos, end + 1);
        }
        return null;
    }

    private void skipDollarQuoted(String tag) {
        int close = text.indexOf(tag, pos + tag.length());
        int end = close < 0 ? text.length() : close + tag.length();
        while (pos < end) {
            advance();
        }
    }

    private void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            advance();
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < text.length()) {
            if (text.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                advance();
                advance();
            } else if (text.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                advance();
                advance();
                if (depth == 0) {
                    return;
                }
            } else {
                advance();
            }
        }
    }

    /** Only blanks before {@code pos} on its line: psql reads a backslash there as a meta-command, mid-statement too. */
    private boolean atLineStart() {
        for (int i = pos - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private char peek(int offset) {
        int i = pos + offset;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance() {
        if (pos < text.length() && text.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private static boolean isTagChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
