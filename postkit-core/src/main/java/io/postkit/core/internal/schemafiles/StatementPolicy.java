package io.postkit.core.internal.schemafiles;

import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlTokens;
import io.postkit.core.internal.sql.SqlTokens.Token;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which statements may stand in a desired-state file. The desired state is declarative: a file declares objects
 * (CREATE, some ALTERs, COMMENT, GRANT, REVOKE); statements that change data, remove or rename things, run code,
 * or set up the cluster belong elsewhere, and the message says where. Statements are told apart by their leading
 * keywords (comments skipped); what a statement means is left to PostgreSQL, which runs the files as a role that
 * is not a superuser.
 */
public final class StatementPolicy {

    private static final String MANUAL = "a manual migration (mvn postkit:migration -Dpostkit.name=...)";
    private static final String NOWHERE_SESSION = "nowhere: postkit runs schema files and sets the session itself";
    private static final String NOWHERE_SERVER = "nowhere: postkit configures its local servers itself";
    private static final String CODE = MANUAL + "; a schema file only declares objects and runs no code";

    /** Checked in this order; the first rule whose keywords start the statement decides. */
    private static final List<Map.Entry<String, String>> MISPLACED = List.of(
            Map.entry("CREATE EXTENSION", "infra/"),
            Map.entry("CREATE ROLE", "infra/"),
            Map.entry("CREATE USER", "infra/"),
            Map.entry("CREATE GROUP", "infra/"),
            Map.entry("CREATE SERVER", "infra/"),
            Map.entry("CREATE FOREIGN DATA WRAPPER", "infra/"),
            Map.entry("CREATE USER MAPPING", "infra/"),
            Map.entry("CREATE DATABASE", "nowhere: postkit manages schemas inside one database"),
            Map.entry("CREATE TABLESPACE", "nowhere: postkit manages schemas inside one database"),
            Map.entry("CREATE SUBSCRIPTION", "nowhere: postkit manages schemas inside one database"),
            Map.entry("INSERT", "seeds/"),
            Map.entry("UPDATE", "seeds/ or " + MANUAL),
            Map.entry("DELETE", "seeds/ or " + MANUAL),
            Map.entry("MERGE", "seeds/ or " + MANUAL),
            Map.entry("COPY", "seeds/"),
            Map.entry("TRUNCATE", MANUAL),
            Map.entry("DROP", MANUAL + " (to remove an object, delete its CREATE statement)"),
            Map.entry("ALTER TABLE", "the CREATE TABLE statement itself, or " + MANUAL + " for a rename"),
            Map.entry("ALTER SYSTEM", NOWHERE_SERVER),
            Map.entry("ALTER ROLE", "infra/"),
            Map.entry("ALTER USER", "infra/"),
            Map.entry("ALTER GROUP", "infra/"),
            Map.entry("ALTER DATABASE", "infra/"),
            Map.entry("ALTER EXTENSION", "infra/"),
            Map.entry("ALTER SERVER", "infra/"),
            Map.entry("ALTER USER MAPPING", "infra/"),
            Map.entry("DO", CODE),
            Map.entry("SELECT", CODE),
            Map.entry("WITH", CODE),
            Map.entry("VALUES", CODE),
            Map.entry("TABLE", CODE),
            Map.entry("CALL", CODE),
            Map.entry("EXECUTE", CODE),
            Map.entry("PREPARE", CODE),
            Map.entry("EXPLAIN", CODE),
            Map.entry("REFRESH", MANUAL),
            Map.entry("VACUUM", MANUAL),
            Map.entry("ANALYZE", MANUAL),
            Map.entry("CLUSTER", MANUAL),
            Map.entry("REINDEX", MANUAL),
            Map.entry("REASSIGN", MANUAL),
            Map.entry("LOCK", MANUAL),
            Map.entry("IMPORT", "infra/ (postkit does not manage foreign tables yet)"),
            Map.entry("CHECKPOINT", NOWHERE_SERVER),
            Map.entry("LOAD", NOWHERE_SERVER),
            Map.entry("LISTEN", NOWHERE_SESSION),
            Map.entry("NOTIFY", NOWHERE_SESSION),
            Map.entry("UNLISTEN", NOWHERE_SESSION),
            Map.entry("BEGIN", NOWHERE_SESSION),
            Map.entry("START", NOWHERE_SESSION),
            Map.entry("COMMIT", NOWHERE_SESSION),
            Map.entry("END", NOWHERE_SESSION),
            Map.entry("ROLLBACK", NOWHERE_SESSION),
            Map.entry("ABORT", NOWHERE_SESSION),
            Map.entry("SAVEPOINT", NOWHERE_SESSION),
            Map.entry("RELEASE", NOWHERE_SESSION),
            Map.entry("SET", NOWHERE_SESSION),
            Map.entry("RESET", NOWHERE_SESSION),
            Map.entry("DISCARD", NOWHERE_SESSION));

    /** What a declaration starts with; anything else is refused even when no rule above names it. */
    private static final Set<String> DECLARATIONS = Set.of("CREATE", "ALTER", "COMMENT", "GRANT", "REVOKE",
            "SECURITY");

    /** What declares state: keys and checks, owners, row level security, a trigger's firing state. */
    private static final List<String> ALTER_TABLE_ALLOWED = List.of(" ADD CONSTRAINT ", " ADD PRIMARY KEY",
            " ADD UNIQUE", " ADD FOREIGN KEY", " ADD CHECK", " OWNER TO ", " ENABLE ROW LEVEL SECURITY",
            " FORCE ROW LEVEL SECURITY", " ALTER COLUMN ", " DISABLE TRIGGER ", " ENABLE REPLICA TRIGGER ",
            " ENABLE ALWAYS TRIGGER ");

    private StatementPolicy() {
    }

    public static void check(ScriptStatement statement) {
        List<Token> tokens = SqlTokens.of(statement.sql());
        String leading = SqlTokens.leadingWords(tokens, 4);
        for (Map.Entry<String, String> rule : MISPLACED) {
            if (startsWithKeywords(leading, rule.getKey()) && !allowedAlter(rule.getKey(), tokens)) {
                throw misplaced(statement, rule.getKey(), rule.getValue());
            }
        }
        String first = leading.isEmpty() ? statement.sql().strip().split("\\s+")[0] : leading.split(" ")[0];
        if (!DECLARATIONS.contains(first)) {
            throw misplaced(statement, first, "nowhere: it does not declare an object");
        }
        if (createsTableWithRows(tokens)) {
            throw misplaced(statement, "CREATE TABLE ... AS", "seeds/ for the rows, after a CREATE TABLE that"
                    + " declares the columns");
        }
        if (grantsRoleMembership(tokens)) {
            throw misplaced(statement, leading.split(" ")[0] + " <role> TO <role>", "infra/ (roles and their"
                    + " memberships are infrastructure)");
        }
    }

    private static RuntimeException misplaced(ScriptStatement statement, String keywords, String place) {
        return statement.refusal("'" + keywords + "' does not belong in a schema file, which declares the desired"
                + " state", "Put it in " + place + ".");
    }

    private static boolean startsWithKeywords(String leading, String keywords) {
        return leading.equals(keywords) || leading.startsWith(keywords + " ");
    }

    /** Only the listed actions, and no RENAME or DROP among them (string literals and parentheses aside). */
    private static boolean allowedAlter(String rule, List<Token> tokens) {
        if (!rule.equals("ALTER TABLE")) {
            return false;
        }
        String words = " " + tokens.stream().filter(t -> t.depth() == 0)
                .map(t -> t.kind() == SqlTokens.Kind.WORD ? t.text() : "_").collect(Collectors.joining(" ")) + " ";
        return ALTER_TABLE_ALLOWED.stream().anyMatch(words::contains)
                && !words.contains(" RENAME ") && !words.contains(" DROP ");
    }

    /** {@code CREATE [TEMP|UNLOGGED] TABLE name … AS query}: AS outside parentheses makes rows, not a declaration. */
    private static boolean createsTableWithRows(List<Token> tokens) {
        int table = -1;
        for (int i = 1; i < Math.min(tokens.size(), 4); i++) {
            if (tokens.get(i).isWord("TABLE")) {
                table = i;
                break;
            }
        }
        if (!tokens.get(0).isWord("CREATE") || table < 0) {
            return false;
        }
        return tokens.stream().skip(table + 1).anyMatch(t -> t.depth() == 0 && t.isWord("AS"));
    }

    /** {@code GRANT role TO role} (no ON): membership in a role, not a privilege on an object. */
    private static boolean grantsRoleMembership(List<Token> tokens) {
        if (!tokens.get(0).isWord("GRANT") && !tokens.get(0).isWord("REVOKE")) {
            return false;
        }
        return tokens.stream().noneMatch(t -> t.depth() == 0 && t.isWord("ON"));
    }
}
