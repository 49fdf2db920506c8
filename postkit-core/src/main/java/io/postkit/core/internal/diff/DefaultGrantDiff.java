package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.DefaultGrant;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Default privileges, compared per (role, schema, object type) as effective sets: where a side has no row, the
 * built-in defaults hold (PUBLIC may execute new functions and use new types, nothing else), so a desired
 * {@code REVOKE … ON FUNCTIONS FROM PUBLIC} is planned even though the current side has no row at all.
 */
final class DefaultGrantDiff {

    private DefaultGrantDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        Set<String> scopes = new TreeSet<>();
        Map<String, DefaultGrant> examples = new TreeMap<>();
        for (SchemaModel model : List.of(current, desired)) {
            model.defaultGrants().stream().filter(DefaultGrant::isScopeMarker).forEach(m -> {
                scopes.add(m.scope());
                examples.put(m.scope(), m);
            });
        }
        List<SchemaChange> changes = new ArrayList<>();
        for (String scope : scopes) {
            DefaultGrant marker = examples.get(scope);
            Map<String, DefaultGrant> before = effective(current, marker);
            Map<String, DefaultGrant> after = effective(desired, marker);
            before.forEach((key, held) -> {
                DefaultGrant wanted = after.get(key);
                if (wanted == null) {
                    changes.add(new SchemaChange.AlterDefaultPrivilege(held, true, false));
                } else if (held.grantable() && !wanted.grantable()) {
                    changes.add(new SchemaChange.AlterDefaultPrivilege(held, true, true));
                }
            });
            after.forEach((key, wanted) -> {
                DefaultGrant held = before.get(key);
                if (held == null || (wanted.grantable() && !held.grantable())) {
                    changes.add(new SchemaChange.AlterDefaultPrivilege(wanted, false, false));
                }
            });
        }
        return changes;
    }

    /** The grants of {@code marker}'s scope on one side, keyed by grantee and privilege. */
    private static Map<String, DefaultGrant> effective(SchemaModel model, DefaultGrant marker) {
        Map<String, DefaultGrant> grants = new TreeMap<>();
        boolean hasRow = model.defaultGrants().contains(marker);
        if (hasRow) {
            model.defaultGrants().stream().filter(g -> !g.isScopeMarker() && g.scope().equals(marker.scope()))
                    .forEach(g -> grants.put(g.grantee() + "\u0000" + g.privilege(), g));
        } else if (marker.schema().isEmpty() && (marker.objectType().equals("f") || marker.objectType().equals("T"))) {
            String privilege = marker.objectType().equals("f") ? "EXECUTE" : "USAGE";
            grants.put("public\u0000" + privilege, new DefaultGrant(marker.forRole(), "", marker.objectType(),
                    "public", privilege, false));
        }
        return grants;
    }
}
