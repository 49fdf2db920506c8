package io.postkit.core.internal.scripts;

import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.SqlTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]} or {@code ALTER EXTENSION
 * name UPDATE [TO v]}, read from an infra statement and written again by postkit ({@link #sql()}), so that the
 * superuser runs postkit's text, never the user's, when a sandbox may not create or update the extension.
 *
 * @param update  an {@code ALTER EXTENSION … UPDATE}
 * @param schema  null for the default
 * @param version null for the default (the latest, for an update)
 */
record ExtensionStatement(boolean update, String name, String schema, String version, boolean cascade) {

    /** The statement {@code tokens} are, or empty when they are anything else (another option, a typo). */
    static Optional<ExtensionStatement> read(List<SqlTokens.Token> tokens) {
        String words = SqlTokens.leadingWords(tokens, 2);
        if (words.equals("ALTER EXTENSION")) {
            return readUpdate(tokens);
        }
        if (!words.equals("CREATE EXTENSION")) {
            return Optional.empty();
        }
        int i = 2;
        if (i + 2 < tokens.size() && tokens.get(i).isWord("IF") && tokens.get(i + 1).isWord("NOT")
                && tokens.get(i + 2).isWord("EXISTS")) {
            i += 3;
        }
        String name = identifier(tokens, i++);
        String schema = null;
        String version = null;
        boolean cascade = false;
        if (i < tokens.size() && tokens.get(i).isWord("WITH")) {
            i++;
        }
        int end = !tokens.isEmpty() && tokens.get(tokens.size() - 1).text().equals(";") ? tokens.size() - 1
                : tokens.size();
        while (name != null && i < end) {
            SqlTokens.Token option = tokens.get(i++);
            if (option.isWord("SCHEMA") && schema == null) {
                schema = identifier(tokens, i++);
                if (schema == null) {
                    return Optional.empty();
                }
            } else if (option.isWord("VERSION") && version == null) {
                version = value(tokens, i++);
                if (version == null) {
                    return Optional.empty();
                }
            } else if (option.isWord("CASCADE") && !cascade) {
                cascade = true;
            } else {
                return Optional.empty();
            }
        }
        return name == null ? Optional.empty()
                : Optional.of(new ExtensionStatement(false, name, schema, version, cascade));
    }

    private static Optional<ExtensionStatement> readUpdate(List<SqlTokens.Token> tokens) {
        int end = !tokens.isEmpty() && tokens.get(tokens.size() - 1).text().equals(";") ? tokens.size() - 1
                : tokens.size();
        String name = identifier(tokens, 2);
        if (name == null || end < 4 || !tokens.get(3).isWord("UPDATE")) {
            return Optional.empty();
        }
        if (end == 4) {
            return Optional.of(new ExtensionStatement(true, name, null, null, false));
        }
        String version = end == 6 && tokens.get(4).isWord("TO") ? value(tokens, 5) : null;
        return version == null ? Optional.empty()
                : Optional.of(new ExtensionStatement(true, name, null, version, false));
    }

    /** Postkit's own text of the statement. */
    String sql() {
        if (update) {
            return "ALTER EXTENSION " + Identifiers.quote(name) + " UPDATE"
                    + (version == null ? "" : " TO " + Identifiers.literal(version));
        }
        return "CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(name)
                + (schema == null ? "" : " SCHEMA " + Identifiers.quote(schema))
                + (version == null ? "" : " VERSION " + Identifiers.literal(version))
                + (cascade ? " CASCADE" : "");
    }

    /** Whether the server {@code c} is connected to offers the extension (in that version). */
    boolean offeredBy(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_available_extension_versions v"
                + " WHERE v.name = CAST(? AS pg_catalog.name)"
                + " AND (CAST(? AS pg_catalog.text) IS NULL OR v.version = CAST(? AS pg_catalog.text))")) {
            ps.setString(1, name);
            ps.setString(2, version);
            ps.setString(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String identifier(List<SqlTokens.Token> tokens, int i) {
        if (i >= tokens.size()) {
            return null;
        }
        SqlTokens.Token token = tokens.get(i);
        return token.kind() == SqlTokens.Kind.WORD || token.kind() == SqlTokens.Kind.QUOTED_IDENTIFIER
                ? token.identifier() : null;
    }

    /** A version: an identifier or a plain string literal. */
    private static String value(List<SqlTokens.Token> tokens, int i) {
        if (i < tokens.size() && tokens.get(i).kind() == SqlTokens.Kind.STRING) {
            String text = tokens.get(i).text();
            return text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
                    ? text.substring(1, text.length() - 1).replace("''", "'") : null;
        }
        return identifier(tokens, i);
    }
}
