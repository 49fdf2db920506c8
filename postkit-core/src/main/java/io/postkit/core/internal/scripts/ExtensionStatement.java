package io.postkit.core.internal.scripts;

import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.SqlTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]}, read from an infra statement
 * and written again by postkit, so that the superuser runs postkit's text, never the user's, when a sandbox may not
 * create the extension.
 */
final class ExtensionStatement {

    private ExtensionStatement() {
    }

    /**
     * The statement written by postkit, or null when {@code tokens} are not such a statement or the server does not
     * offer that extension (and version).
     */
    static String rebuild(List<SqlTokens.Token> tokens, Connection c) throws SQLException {
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
        while (name != null && i < tokens.size() && !tokens.get(i).text().equals(";")) {
            SqlTokens.Token option = tokens.get(i++);
            if (option.isWord("SCHEMA") && schema == null) {
                schema = identifier(tokens, i++);
                if (schema == null) {
                    return null;
                }
            } else if (option.isWord("VERSION") && version == null) {
                version = value(tokens, i++);
                if (version == null) {
                    return null;
                }
            } else if (option.isWord("CASCADE") && !cascade) {
                cascade = true;
            } else {
                return null;
            }
        }
        if (name == null || !offered(c, name, version)) {
            return null;
        }
        return "CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(name)
                + (schema == null ? "" : " SCHEMA " + Identifiers.quote(schema))
                + (version == null ? "" : " VERSION " + Identifiers.literal(version))
                + (cascade ? " CASCADE" : "");
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

    private static boolean offered(Connection c, String name, String version) throws SQLException {
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
}
