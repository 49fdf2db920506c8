package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlTokens;
import io.postkit.core.internal.sql.SqlTokens.Token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Says, right before a statement drops data, what it drops and how many rows that holds: one WARN line per table
 * ({@code DROP TABLE}, {@code TRUNCATE}) or column ({@code ALTER TABLE … DROP COLUMN}). The statement's words say
 * which names it drops; the database resolves them (search path, quoting) and counts on the connection about to
 * run it, so the count is of the rows the statement really drops. A name that does not resolve is skipped.
 */
public final class DroppedData {

    private static final Set<String> NOT_COLUMNS = Set.of("CONSTRAINT", "DEFAULT", "NOT", "IDENTITY", "EXPRESSION");

    private final PostkitLog log;
    private final String where;

    /** @param where where the rows are counted, for the message: "on the local clone" */
    public DroppedData(PostkitLog log, String where) {
        this.log = log;
        this.where = where;
    }

    private record Drop(String verb, List<Token> table, Token column) {
    }

    /** Warns about what {@code statement} is about to drop; a failure to count is never the migration's failure. */
    public void before(Connection c, ScriptStatement statement) throws SQLException {
        List<Drop> drops = drops(SqlTokens.of(statement.sql()));
        if (drops.isEmpty()) {
            return;
        }
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            for (Drop drop : drops) {
                warn(c, statement, drop);
            }
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
        } catch (SQLException e) {
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            log.debug("Could not count what " + statement.location() + " drops: " + e.getMessage());
        }
    }

    private void warn(Connection c, ScriptStatement statement, Drop drop) throws SQLException {
        String[] table = resolve(c, drop.table());
        if (table == null) {
            return;
        }
        String quoted = Identifiers.quote(table[0]) + "." + Identifiers.quote(table[1]);
        String name = table[0] + "." + table[1];
        if (drop.column() == null) {
            long rows = count(c, "SELECT count(*) FROM " + quoted);
            log.warn("Data loss: " + statement.location() + " " + drop.verb() + " table " + name + ", " + rows
                    + " row(s) " + where + ".");
            return;
        }
        String column = drop.column().identifier();
        if (!hasColumn(c, quoted, column)) {
            return;
        }
        long rows = count(c, "SELECT count(*) FROM " + quoted);
        long values = count(c, "SELECT count(" + Identifiers.quote(column) + ") FROM " + quoted);
        log.warn("Data loss: " + statement.location() + " drops column " + name + "." + column + ", which holds a"
                + " value in " + values + " of " + rows + " row(s) " + where + ".");
    }

    /** What {@code sql} drops, as words: "drops table s.t", "drops column t.c" (for tests). */
    static List<String> dropsOf(String sql) {
        return drops(SqlTokens.of(sql)).stream().map(d -> d.verb() + (d.column() == null ? " table " : " column ")
                + String.join(".", d.table().stream().map(Token::identifier).toList())
                + (d.column() == null ? "" : "." + d.column().identifier())).toList();
    }

    /** DROP TABLE a, b / TRUNCATE [TABLE] [ONLY] a, b / ALTER TABLE [IF EXISTS] [ONLY] t DROP [COLUMN] c, … */
    private static List<Drop> drops(List<Token> tokens) {
        String leading = SqlTokens.leadingWords(tokens, 2);
        if (leading.equals("DROP TABLE")) {
            return tables("drops", tokens, 2);
        }
        if (leading.startsWith("TRUNCATE")) {
            return tables("empties", tokens, 1);
        }
        if (leading.equals("ALTER TABLE")) {
            return columns(tokens);
        }
        return List.of();
    }

    /** Each comma-separated item's qualified name, keywords before it ({@code IF EXISTS}, {@code ONLY}) skipped. */
    private static List<Drop> tables(String verb, List<Token> tokens, int from) {
        List<Drop> drops = new ArrayList<>();
        int at = from;
        while (at < tokens.size()) {
            while (at < tokens.size() && tokens.get(at).kind() == SqlTokens.Kind.WORD
                    && tokens.get(at).text().matches("TABLE|ONLY|IF|EXISTS")) {
                at++;
            }
            List<Token> name = new ArrayList<>();
            at = qualifiedName(tokens, at, name);
            if (!name.isEmpty()) {
                drops.add(new Drop(verb, name, null));
            }
            while (at < tokens.size() && !(tokens.get(at).depth() == 0 && tokens.get(at).text().equals(","))) {
                at++;
            }
            at++;
        }
        return drops;
    }

    private static List<Drop> columns(List<Token> tokens) {
        int at = 2;
        while (at < tokens.size() && (tokens.get(at).isWord("IF") || tokens.get(at).isWord("EXISTS")
                || tokens.get(at).isWord("ONLY"))) {
            at++;
        }
        List<Token> table = new ArrayList<>();
        at = qualifiedName(tokens, at, table);
        List<Drop> drops = new ArrayList<>();
        boolean actionStart = true;
        for (int i = at; i < tokens.size() && !table.isEmpty(); i++) {
            Token token = tokens.get(i);
            if (token.depth() == 0 && token.text().equals(",")) {
                actionStart = true;
                continue;
            }
            if (actionStart && token.isWord("DROP")) {
                Token column = columnAfterDrop(tokens, i + 1);
                if (column != null) {
                    drops.add(new Drop("drops", table, column));
                }
            }
            actionStart = false;
        }
        return drops;
    }

    /** {@code part(.part)?} at {@code at} into {@code name}; @return the index after it */
    private static int qualifiedName(List<Token> tokens, int at, List<Token> name) {
        int i = at;
        while (i < tokens.size() && isNamePart(tokens.get(i)) && name.size() < 2) {
            name.add(tokens.get(i++));
            if (i + 1 < tokens.size() && tokens.get(i).text().equals(".")) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static Token columnAfterDrop(List<Token> tokens, int at) {
        int i = at;
        if (i < tokens.size() && tokens.get(i).isWord("COLUMN")) {
            i++;
        }
        if (i + 1 < tokens.size() && tokens.get(i).isWord("IF") && tokens.get(i + 1).isWord("EXISTS")) {
            i += 2;
        }
        if (i >= tokens.size() || !isNamePart(tokens.get(i))) {
            return null;
        }
        Token token = tokens.get(i);
        return token.kind() == SqlTokens.Kind.WORD && NOT_COLUMNS.contains(token.text()) ? null : token;
    }

    private static boolean isNamePart(Token token) {
        return token.kind() == SqlTokens.Kind.WORD || token.kind() == SqlTokens.Kind.QUOTED_IDENTIFIER;
    }

    /** {schema, table} of a table (or partitioned table) as the session would resolve the name, or null. */
    private static String[] resolve(Connection c, List<Token> name) throws SQLException {
        String text = String.join(".", name.stream().map(t -> Identifiers.quote(t.identifier())).toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname::text, c.relname::text FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)"
                + " AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
