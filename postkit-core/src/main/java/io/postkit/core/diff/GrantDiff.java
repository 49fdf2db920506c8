package io.postkit.core.diff;

import io.postkit.core.model.Grant;
import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Privileges, compared per (object, grantee, privilege); the GRANT OPTION is its own step. Revokes on objects the
 * diff drops are left out (they go with the object); objects the diff recreates get all their grants again.
 */
final class GrantDiff {

    private GrantDiff() {
    }

    /** @param recreated tables/views and routine signatures that the diff drops and creates again */
    static List<SchemaChange> between(SchemaModel current, SchemaModel desired, Set<QualifiedName> recreated) {
        Map<Grant, Grant> before = byPrivilege(current);
        Map<Grant, Grant> after = byPrivilege(desired);
        List<SchemaChange> changes = new ArrayList<>();
        for (Map.Entry<Grant, Grant> e : before.entrySet()) {
            Grant wanted = after.get(e.getKey());
            if (wanted == null && exists(desired, e.getKey()) && !recreated.contains(target(e.getKey()))) {
                changes.add(new SchemaChange.RevokePrivilege(e.getValue(), false));
            } else if (wanted != null && e.getValue().grantable() && !wanted.grantable()
                    && !recreated.contains(target(e.getKey()))) {
                changes.add(new SchemaChange.RevokePrivilege(e.getValue(), true));
            }
        }
        for (Map.Entry<Grant, Grant> e : after.entrySet()) {
            Grant held = before.get(e.getKey());
            boolean grant = held == null || recreated.contains(target(e.getKey()))
                    || (e.getValue().grantable() && !held.grantable());
            if (grant) {
                changes.add(new SchemaChange.GrantPrivilege(e.getValue()));
            }
        }
        return changes;
    }

    private static Map<Grant, Grant> byPrivilege(SchemaModel model) {
        Map<Grant, Grant> grants = new TreeMap<>();
        model.grants().forEach(g -> grants.put(g.withoutOption(), g));
        return grants;
    }

    /** What a grant is on, as the diff names recreated objects: a relation, or a routine's signature. */
    private static QualifiedName target(Grant grant) {
        return grant.kind().equals("ROUTINE")
                ? QualifiedName.of(grant.object().schema(), grant.object().name() + "(" + grant.member() + ")")
                : grant.object();
    }

    private static boolean exists(SchemaModel model, Grant grant) {
        QualifiedName object = grant.object();
        return switch (grant.kind()) {
            case "TABLE" -> model.tables().containsKey(object) || model.views().containsKey(object);
            case "COLUMN" -> model.tables().containsKey(object)
                    ? model.tables().get(object).column(grant.member()).isPresent()
                    : model.views().containsKey(object);
            case "SEQUENCE" -> model.sequences().containsKey(object);
            case "ROUTINE" -> model.routines().containsKey(target(grant));
            case "SCHEMA" -> model.schemas().contains(object.name());
            case "TYPE" -> model.enums().containsKey(object);
            default -> false;
        };
    }
}
