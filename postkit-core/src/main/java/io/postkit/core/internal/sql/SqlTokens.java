package io.postkit.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one statement as PostgreSQL's lexer sees them, enough to tell what kind of statement it is:
 * comments are skipped, string literals, dollar-quoted bodies and quoted identifiers are single tokens, and every
 * token knows how deep in parentheses it stands.
 */
public final class SqlTokens {

    /** What a token is. */
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, SYMBOL }

    /**
     * @param text  a WORD upper-cased; a QUOTED_IDENTIFIER without its quotes; otherwise as written
     * @param depth how many parentheses enclose it
     */
    public record Token(Kind kind, String text, int depth) {

        public boolean isWord(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        /** An identifier as PostgreSQL resolves it: unquoted words fold to lower case. */
        public String identifier() {
            return kind == Kind.WORD ? text.toLowerCase(Locale.ROOT) : text;
        }
    }

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    private SqlTokens(String sql) {
        this.sql = sql;
    }

    public static List<Token> of(String sql) {
        SqlTokens lexer = new SqlTokens(sql);
        lexer.scan();
        return List.copyOf(lexer.tokens);
    }

    /** The leading words, upper-cased and joined by single spaces, up to {@code count} or the first non-word. */
    public static String leadingWords(List<Token> tokens, int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < Math.min(count, tokens.size()) && tokens.get(i).kind() == Kind.WORD; i++) {
            words.append(i == 0 ? "" : " ").append(tokens.get(i).text());
        }
        return words.toString();
    }

    private void scan() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                int end = sql.indexOf('\n', pos);
                pos = end < 0 ? sql.length() : end;
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                add(Kind.STRING, pos, quoted('\'', isEscapeString()));
            } else if (c == '"') {
                int start = pos;
                int end = quoted('"', false);
                add(Kind.QUOTED_IDENTIFIER, sql.substring(start + 1, end - 1).replace("\"\"", "\""));
            } else if (c == '$' && dollarTag() != null) {
                String tag = dollarTag();
                int close = sql.indexOf(tag, pos + tag.length());
                int end = close < 0 ? sql.length() : close + tag.length();
                add(Kind.STRING, pos, end);
                pos = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, pos).toUpperCase(Locale.ROOT), depth));
            } else {
                symbol(c);
            }
        }
    }

    private void symbol(char c) {
        if (c == ')') {
            depth = Math.max(0, depth - 1);
        }
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), depth));
        if (c == '(') {
            depth++;
        }
        pos++;
    }

    private void add(Kind kind, int start, int end) {
        add(kind, sql.substring(start, end));
    }

    private void add(Kind kind, String text) {
        tokens.add(new Token(kind, text, depth));
    }

    /** Skips a quoted token starting at {@code pos}; @return the index after its closing quote */
    private int quoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote && peek(1) == quote) {
                pos += 2;
            } else if (c == quote) {
                pos++;
                return pos;
            } else {
                pos++;
            }
        }
        return sql.length();
    }

    private boolean isEscapeString() {
        return !tokens.isEmpty() && pos > 0 && Character.toUpperCase(sql.charAt(pos - 1)) == 'E'
                && tokens.get(tokens.size() - 1).isWord("E");
    }

    private String dollarTag() {
        int end = pos + 1;
        while (end < sql.length() && (Character.isLetter(sql.charAt(end)) || sql.charAt(end) == '_'
                || (end > pos + 1 && Character.isDigit(sql.charAt(end))))) {
            end++;
        }
        return end < sql.length() && sql.charAt(end) == '$' ? sql.substring(pos, end + 1) : null;
    }

    private void skipBlockComment() {
        int nesting = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                nesting++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                nesting--;
                pos += 2;
                if (nesting == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private char peek(int offset) {
        int i = pos + offset;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
