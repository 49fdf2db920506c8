package io.postkit.core.diff;

import io.postkit.core.model.EnumType;
import io.postkit.core.model.Grant;
import io.postkit.core.model.QualifiedName;
import io.postkit.core.model.Routine;
import io.postkit.core.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Privileges, compared per (object, grantee, privilege); the GRANT OPTION is its own step. The desired grants are
 * compared with what each object holds once the migration's DDL has run: its current grants if it stays, or the
 * built-in defaults if the diff creates or recreates it (PUBLIC may EXECUTE a new function and use a new type, so a
 * desired REVOKE from PUBLIC must be planned for it).
 */
final class GrantDiff {

    private GrantDiff() {
    }

    /** @param recreated tables/views and routine signatures that the diff drops and creates again */
    static List<SchemaChange> between(SchemaModel current, SchemaModel desired, Set<QualifiedName> recreated) {
        Map<Grant, Grant> before = afterDdl(current, desired, recreated);
        Map<Grant, Grant> after = byPrivilege(desired.grants());
        List<SchemaChange> changes = new ArrayList<>();
        for (Map.Entry<Grant, Grant> e : before.entrySet()) {
            Grant wanted = after.get(e.getKey());
            if (wanted == null && exists(desired, e.getKey())) {
                changes.add(new SchemaChange.RevokePrivilege(e.getValue(), false));
            } else if (wanted != null && e.getValue().grantable() && !wanted.grantable()) {
                changes.add(new SchemaChange.RevokePrivilege(e.getValue(), true));
            }
        }
        for (Map.Entry<Grant, Grant> e : after.entrySet()) {
            Grant held = before.get(e.getKey());
            if (held == null || (e.getValue().grantable() && !held.grantable())) {
                changes.add(new SchemaChange.GrantPrivilege(e.getValue()));
            }
        }
        return changes;
    }

    private static Map<Grant, Grant> afterDdl(SchemaModel current, SchemaModel desired, Set<QualifiedName> recreated) {
        List<Grant> grants = new ArrayList<>();
        for (Grant grant : current.grants()) {
            if (!recreated.contains(target(grant))) {
                grants.add(grant);
            }
        }
        for (Routine routine : desired.routines().values()) {
            if (!current.routines().containsKey(routine.signature()) || recreated.contains(routine.signature())) {
                grants.add(new Grant("ROUTINE", routine.name(), routine.arguments(), "public", "EXECUTE", false));
            }
        }
        for (EnumType type : desired.enums().values()) {
            if (!current.enums().containsKey(type.name())) {
                grants.add(new Grant("TYPE", type.name(), "", "public", "USAGE", false));
            }
        }
        return byPrivilege(grants);
    }

    private static Map<Grant, Grant> byPrivilege(Iterable<Grant> grants) {
        Map<Grant, Grant> byPrivilege = new TreeMap<>();
        grants.forEach(g -> byPrivilege.put(g.withoutOption(), g));
        return byPrivilege;
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
