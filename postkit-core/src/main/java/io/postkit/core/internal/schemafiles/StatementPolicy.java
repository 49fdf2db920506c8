package io.postkit.core.internal.schemafiles;

import io.postkit.core.internal.sql.ScriptStatement;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which statements may stand in a desired-state file. The desired state is declarative: statements that change
 * data, remove or rename things, or set up the cluster belong elsewhere, and the message says where. Only the
 * leading keywords are looked at; what a statement means is left to PostgreSQL.
 */
public final class StatementPolicy {

    private static final String MANUAL = "a manual migration (mvn postkit:migration -Dpostkit.name=...)";

    /** Checked in this order; the first rule whose keywords start the statement decides. */
    private static final List<Map.Entry<String, String>> MISPLACED = List.of(
            Map.entry("CREATE EXTENSION", "infra/"),
            Map.entry("CREATE ROLE", "infra/"),
            Map.entry("CREATE USER", "infra/"),
            Map.entry("CREATE GROUP", "infra/"),
            Map.entry("CREATE DATABASE", "nowhere: postkit manages schemas inside one database"),
            Map.entry("INSERT", "seeds/"),
            Map.entry("UPDATE", "seeds/ or " + MANUAL),
            Map.entry("DELETE", "seeds/ or " + MANUAL),
            Map.entry("COPY", "seeds/"),
            Map.entry("TRUNCATE", MANUAL),
            Map.entry("DROP", MANUAL + " (to remove an object, delete its CREATE statement)"),
            Map.entry("ALTER TABLE", "the CREATE TABLE statement itself, or " + MANUAL + " for a rename"),
            Map.entry("BEGIN", "nowhere: postkit runs schema files itself"),
            Map.entry("COMMIT", "nowhere: postkit runs schema files itself"),
            Map.entry("SET", "nowhere: postkit sets the session itself"),
            Map.entry("VACUUM", MANUAL));

    /** What declares state: keys and checks, owners, row level security, a trigger's firing state. */
    private static final List<String> ALTER_TABLE_ALLOWED = List.of(" ADD CONSTRAINT ", " ADD PRIMARY KEY",
            " ADD UNIQUE", " ADD FOREIGN KEY", " ADD CHECK", " OWNER TO ", " ENABLE ROW LEVEL SECURITY",
            " FORCE ROW LEVEL SECURITY", " ALTER COLUMN ", " DISABLE TRIGGER ", " ENABLE REPLICA TRIGGER ",
            " ENABLE ALWAYS TRIGGER ");

    private StatementPolicy() {
    }

    public static void check(ScriptStatement statement) {
        String normalized = statement.sql().strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        for (Map.Entry<String, String> rule : MISPLACED) {
            if (startsWithKeywords(normalized, rule.getKey()) && !allowedAlter(rule.getKey(), normalized)) {
                throw statement.refusal("'" + rule.getKey() + "' does not belong in a schema file, which declares"
                        + " the desired state", "Put it in " + rule.getValue() + ".");
            }
        }
    }

    private static boolean startsWithKeywords(String sql, String keywords) {
        return sql.equals(keywords) || sql.startsWith(keywords + " ") || sql.startsWith(keywords + ";");
    }

    private static boolean allowedAlter(String rule, String sql) {
        return rule.equals("ALTER TABLE") && ALTER_TABLE_ALLOWED.stream().anyMatch(sql::contains)
                && !sql.contains(" RENAME ") && !sql.contains(" DROP ");
    }
}
