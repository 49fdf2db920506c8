package io.postkit.core.internal.render;

import io.postkit.core.internal.model.DefaultGrant;

import java.util.Map;
import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** ALTER DEFAULT PRIVILEGES, always with FOR ROLE: which role's new objects it concerns must not depend on who runs it. */
final class DefaultGrantSql {

    private static final Map<String, String> OBJECTS = Map.of("r", "TABLES", "S", "SEQUENCES", "f", "FUNCTIONS",
            "T", "TYPES", "n", "SCHEMAS");

    private DefaultGrantSql() {
    }

    static PlannedStatement alter(DefaultGrant grant, boolean revoke, boolean optionOnly) {
        String grantee = grant.grantee().equals("public") ? "PUBLIC" : quote(grant.grantee());
        String scope = "ALTER DEFAULT PRIVILEGES FOR ROLE " + quote(grant.forRole())
                + (grant.schema().isEmpty() ? "" : " IN SCHEMA " + quote(grant.schema()));
        String on = " ON " + OBJECTS.get(grant.objectType());
        String sql = revoke
                ? scope + " REVOKE " + (optionOnly ? "GRANT OPTION FOR " : "") + grant.privilege() + on + " FROM " + grantee
                : scope + " GRANT " + grant.privilege() + on + " TO " + grantee + (grant.grantable() ? " WITH GRANT OPTION" : "");
        return new PlannedStatement(sql, "default privilege", grant.forRole() + " " + OBJECTS.get(grant.objectType())
                + (grant.schema().isEmpty() ? "" : " in " + grant.schema()), Set.of(), true);
    }
}
