package io.postkit.core.internal.model;

import java.util.List;
import java.util.Objects;

/**
 * A row-level security policy, as {@code pg_policies} shows it.
 *
 * @param command    ALL, SELECT, INSERT, UPDATE or DELETE
 * @param roles      the roles it applies to ({@code public} for all), sorted
 * @param using      the USING expression, or null
 * @param withCheck  the WITH CHECK expression, or null
 */
public record Policy(QualifiedName table, String name, boolean permissive, String command, List<String> roles,
                     String using, String withCheck) {

    public Policy {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
    }

    public String key() {
        return table + "." + name;
    }
}
