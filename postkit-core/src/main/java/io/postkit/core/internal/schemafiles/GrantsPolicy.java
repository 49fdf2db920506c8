package io.postkit.core.internal.schemafiles;

import io.postkit.core.internal.sql.ScriptStatement;

import java.util.List;
import java.util.Locale;

/**
 * Which statements may stand in a grants file. Grants files run twice: in the shadow, where they shape the desired
 * state, and after every migration, where they must change nothing the migration did not already do. Only
 * privilege statements are safe to run again; anything else (a {@code CREATE POLICY}, say) would fail the second
 * time, so it is refused before anything runs.
 */
public final class GrantsPolicy {

    private static final List<String> ALLOWED = List.of("GRANT", "REVOKE", "ALTER DEFAULT PRIVILEGES");

    private GrantsPolicy() {
    }

    public static void check(ScriptStatement statement) {
        String normalized = statement.sql().strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (ALLOWED.stream().noneMatch(k -> normalized.equals(k) || normalized.startsWith(k + " "))) {
            throw statement.refusal("a grants file holds only GRANT, REVOKE and ALTER DEFAULT PRIVILEGES",
                    "Put other statements in a schema file (row level security policies: rls/), roles in infra/.");
        }
    }
}
