package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Policy;
import io.postkit.core.internal.model.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** Row-level security and policies. */
final class PolicySql {

    private PolicySql() {
    }

    static PlannedStatement rowSecurity(QualifiedName table, boolean enabled, boolean forced) {
        String sql = "ALTER TABLE " + quote(table) + (enabled ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY,"
                + (forced ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY";
        return new PlannedStatement(sql, "table", table.toString(), Set.of(), true);
    }

    static PlannedStatement create(Policy policy) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE POLICY " + quote(policy.name()) + " ON " + quote(policy.table()));
        sql.add("AS " + (policy.permissive() ? "PERMISSIVE" : "RESTRICTIVE"));
        sql.add("FOR " + policy.command());
        sql.add("TO " + policy.roles().stream().map(PolicySql::role).collect(Collectors.joining(", ")));
        if (policy.using() != null) {
            sql.add("USING (" + policy.using() + ")");
        }
        if (policy.withCheck() != null) {
            sql.add("WITH CHECK (" + policy.withCheck() + ")");
        }
        return new PlannedStatement(String.join(" ", sql), "policy", policy.key(), Set.of(), true);
    }

    static PlannedStatement drop(Policy policy) {
        return new PlannedStatement("DROP POLICY " + quote(policy.name()) + " ON " + quote(policy.table()), "policy",
                policy.key(), Set.of(), true);
    }

    /** {@code public} is the keyword PUBLIC (all roles), not a role of that name. */
    private static String role(String name) {
        return name.equals("public") ? "PUBLIC" : quote(name);
    }
}
