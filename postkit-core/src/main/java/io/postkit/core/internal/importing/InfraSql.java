package io.postkit.core.internal.importing;

import io.postkit.core.internal.catalog.Extensions;
import io.postkit.core.internal.render.PlannedStatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.postkit.core.internal.sql.Identifiers.literal;
import static io.postkit.core.internal.sql.Identifiers.quote;

/**
 * The roles and extensions of an imported {@code infra/}. Infra runs before every migration on every database, so
 * each statement does nothing where its object exists already.
 */
final class InfraSql {

    private static final Set<String> SCHEMAS_EVERY_DATABASE_HAS = Set.of("public", "pg_catalog");

    private InfraSql() {
    }

    /** One DO block per role: PostgreSQL has no {@code CREATE ROLE IF NOT EXISTS}. */
    static List<PlannedStatement> roles(List<SourceRoles.Role> roles) {
        List<PlannedStatement> statements = new ArrayList<>();
        for (SourceRoles.Role role : roles) {
            String create = "CREATE ROLE " + quote(role.name()) + (role.login() ? " LOGIN" : " NOLOGIN")
                    + (role.inherit() ? "" : " NOINHERIT") + (role.bypassRowSecurity() ? " BYPASSRLS" : "");
            String body = "\nBEGIN\n    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = "
                    + literal(role.name()) + ") THEN\n        " + create + ";\n    END IF;\nEND\n";
            String tag = dollarTag(body);
            String comment = statements.isEmpty() ? "-- Passwords and role memberships are not imported: set them"
                    + " where you manage your roles.\n" : "";
            statements.add(new PlannedStatement(comment + "DO " + tag + body + tag, "role", role.name(), Set.of(),
                    true));
        }
        return statements;
    }

    /**
     * The source's extensions in the order it created them, each in its schema; a schema that is not managed (and
     * so not created by infra's schemas file) is created for it.
     */
    static List<PlannedStatement> extensions(Extensions extensions, Collection<String> managedSchemas) {
        List<PlannedStatement> statements = new ArrayList<>();
        Set<String> created = new TreeSet<>(managedSchemas);
        created.addAll(SCHEMAS_EVERY_DATABASE_HAS);
        for (Extensions.Extension extension : extensions.extensions()) {
            if (created.add(extension.schema())) {
                statements.add(schema(extension.schema()));
            }
            statements.add(new PlannedStatement("CREATE EXTENSION IF NOT EXISTS " + quote(extension.name())
                    + " WITH SCHEMA " + quote(extension.schema()), "extension", extension.name(), Set.of(), true));
        }
        return statements;
    }

    /** A schema, created where it is missing. */
    static PlannedStatement schema(String name) {
        return new PlannedStatement("CREATE SCHEMA IF NOT EXISTS " + quote(name), "schema", name, Set.of(), true);
    }

    /** {@code $role$}, or {@code $role1$}… when a role's name holds the tag. */
    private static String dollarTag(String body) {
        String tag = "$role$";
        for (int n = 1; body.contains(tag); n++) {
            tag = "$role" + n + "$";
        }
        return tag;
    }
}
