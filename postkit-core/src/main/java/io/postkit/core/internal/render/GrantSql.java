package io.postkit.core.internal.render;

import io.postkit.core.internal.model.Grant;

import java.util.Set;

import static io.postkit.core.internal.sql.Identifiers.quote;

/** GRANT and REVOKE. */
final class GrantSql {

    private GrantSql() {
    }

    static PlannedStatement owner(io.postkit.core.internal.model.Owner owner) {
        String object = owner.kind().equals("SCHEMA") ? quote(owner.object().name())
                : quote(owner.object()) + (isRoutine(owner.kind()) ? "(" + owner.member() + ")" : "");
        return new PlannedStatement("ALTER " + owner.kind() + " " + object + " OWNER TO " + quote(owner.role()),
                "owner", owner.objectKey(), Set.of(), true);
    }

    private static boolean isRoutine(String kind) {
        return kind.equals("FUNCTION") || kind.equals("PROCEDURE") || kind.equals("AGGREGATE");
    }

    static PlannedStatement grant(Grant grant) {
        String sql = "GRANT " + privilege(grant) + " ON " + on(grant) + " TO " + grantee(grant.grantee())
                + (grant.grantable() ? " WITH GRANT OPTION" : "");
        return statement(sql, grant);
    }

    static PlannedStatement revoke(Grant grant, boolean optionOnly) {
        String sql = "REVOKE " + (optionOnly ? "GRANT OPTION FOR " : "") + privilege(grant) + " ON " + on(grant)
                + " FROM " + grantee(grant.grantee());
        return statement(sql, grant);
    }

    private static String privilege(Grant grant) {
        return grant.privilege() + (grant.kind().equals("COLUMN") ? " (" + quote(grant.member()) + ")" : "");
    }

    private static String on(Grant grant) {
        return switch (grant.kind()) {
            case "TABLE", "COLUMN" -> "TABLE " + quote(grant.object());
            case "SEQUENCE" -> "SEQUENCE " + quote(grant.object());
            case "ROUTINE" -> "ROUTINE " + quote(grant.object()) + "(" + grant.member() + ")";
            case "SCHEMA" -> "SCHEMA " + quote(grant.object().name());
            case "TYPE" -> "TYPE " + quote(grant.object());
            default -> throw new IllegalArgumentException("no privileges for " + grant.kind());
        };
    }

    /** {@code public} is the keyword PUBLIC, not a role of that name. */
    private static String grantee(String role) {
        return role.equals("public") ? "PUBLIC" : quote(role);
    }

    private static PlannedStatement statement(String sql, Grant grant) {
        return new PlannedStatement(sql, "privilege", grant.object() + (grant.member().isEmpty() ? ""
                : "." + grant.member()) + " " + grant.grantee(), Set.of(), true);
    }
}
