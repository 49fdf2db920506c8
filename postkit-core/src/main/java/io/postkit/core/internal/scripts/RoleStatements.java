package io.postkit.core.internal.scripts;

import io.postkit.core.internal.sql.ScriptStatement;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What infra does with roles, which on a local database are {@code NOLOGIN} stubs: the roles its text creates
 * (made as stubs before it runs), and whether a refusal was for managing roles (then the statement is skipped there).
 */
final class RoleStatements {

    /** The innermost statement PostgreSQL names in an error's context (the one inside a DO block, say). */
    private static final Pattern INNERMOST = Pattern.compile("^SQL statement \"\\s*(\\w+)\\s+(\\w+)(?:\\s+(\\w+))?");
    private static final Pattern CREATED_ROLE = Pattern.compile(
            "\\bCREATE\\s+(?:ROLE|USER|GROUP)\\s+(?!MAPPING\\b)(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> ROLE_WORDS = Set.of("ROLE", "USER", "GROUP");

    private RoleStatements() {
    }

    /** The roles {@code CREATE ROLE|USER|GROUP} names anywhere in the statements, DO blocks included. */
    static Set<String> createdBy(Collection<ScriptStatement> statements) {
        Set<String> roles = new TreeSet<>();
        for (ScriptStatement statement : statements) {
            Matcher m = CREATED_ROLE.matcher(statement.sql());
            while (m.find()) {
                String name = m.group(1);
                roles.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                        : name.toLowerCase(Locale.ROOT));
            }
        }
        return roles;
    }

    /**
     * Whether the statement PostgreSQL refused — the top-level one, or one inside a {@code DO} block, as the error's
     * context names it — manages roles: {@code CREATE/ALTER/DROP ROLE|USER|GROUP}, {@code GRANT/REVOKE} of a role,
     * {@code COMMENT ON ROLE}.
     *
     * @param where   the error's context (PostgreSQL's {@code WHERE} field), or null
     * @param message the error's message
     */
    static boolean refusal(String where, String message) {
        Matcher innermost = where == null ? null : INNERMOST.matcher(where);
        if (innermost == null || !innermost.find()) {
            return false;
        }
        String verb = innermost.group(1).toUpperCase(Locale.ROOT);
        String object = innermost.group(2).toUpperCase(Locale.ROOT);
        String third = innermost.group(3) == null ? "" : innermost.group(3).toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "CREATE", "ALTER", "DROP" -> ROLE_WORDS.contains(object) && !third.equals("MAPPING");
            case "GRANT", "REVOKE" -> message.contains("role \"");
            case "COMMENT" -> object.equals("ON") && ROLE_WORDS.contains(third);
            default -> false;
        };
    }
}
