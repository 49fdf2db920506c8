package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.DefaultGrant;
import io.postkit.core.internal.model.Grant;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Privileges, compared per (object, grantee, privilege); the GRANT OPTION is its own step. An object that stays is
 * compared with its current grants. One the diff creates or recreates is compared with what creation may give it
 * (built-in and default privileges), so that a desired REVOKE (say, from PUBLIC on a new function) is planned for
 * it; and it is granted every desired privilege except those creation certainly gives, so a plan states only what
 * differs from a plain CREATE.
 */
final class GrantDiff {

    private GrantDiff() {
    }

    /** @param recreated tables/views and routine signatures that the diff drops and creates again */
    static List<SchemaChange> between(SchemaModel current, SchemaModel desired, Set<QualifiedName> recreated) {
        Set<QualifiedName> created = created(current, desired, recreated);
        Map<Grant, Grant> before = byPrivilege(current.grants().stream()
                .filter(g -> !created.contains(target(g))).toList());
        before.putAll(byPrivilege(possibleAtCreation(current, desired, created)));
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
        Set<Grant> given = certainAtCreation(current, desired, created);
        for (Map.Entry<Grant, Grant> e : after.entrySet()) {
            Grant held = created.contains(target(e.getKey())) ? givenAtCreation(given, e.getKey())
                    : before.get(e.getKey());
            boolean grant = held == null || (e.getValue().grantable() && !held.grantable());
            if (grant) {
                changes.add(new SchemaChange.GrantPrivilege(e.getValue()));
            }
        }
        return changes;
    }

    /** Objects the migration creates or recreates: their privileges start from what creation gives them. */
    private static Set<QualifiedName> created(SchemaModel current, SchemaModel desired, Set<QualifiedName> recreated) {
        Set<QualifiedName> created = new TreeSet<>(recreated);
        desired.tables().keySet().stream().filter(t -> !current.tables().containsKey(t)).forEach(created::add);
        desired.views().keySet().stream().filter(v -> !current.views().containsKey(v)).forEach(created::add);
        desired.sequences().keySet().stream().filter(q -> !current.sequences().containsKey(q)).forEach(created::add);
        desired.routines().keySet().stream().filter(r -> !current.routines().containsKey(r)).forEach(created::add);
        desired.typeNames().stream().filter(t -> !current.hasType(t)).forEach(created::add);
        return created;
    }

    /**
     * What a created object may hold before its GRANTs run: the built-in defaults (PUBLIC EXECUTE on routines,
     * USAGE on types) and any default privilege of the current database that could apply, whichever role creates
     * it. Revoking one that was not granted is a no-op, so assuming too much is safe; desired grants are always
     * granted explicitly on created objects, so nothing is lost by it either.
     */
    private static List<Grant> possibleAtCreation(SchemaModel current, SchemaModel desired,
                                                  Set<QualifiedName> created) {
        List<Grant> grants = new ArrayList<>();
        for (Routine routine : desired.routines().values()) {
            if (created.contains(routine.signature())) {
                grants.add(new Grant("ROUTINE", routine.name(), routine.arguments(), "public", "EXECUTE", false));
                defaults(current, routine.name().schema(), "f", "ROUTINE", routine.name(), routine.arguments(), grants);
            }
        }
        for (QualifiedName type : created) {
            if (desired.hasType(type)) {
                grants.add(new Grant("TYPE", type, "", "public", "USAGE", false));
                defaults(current, type.schema(), "T", "TYPE", type, "", grants);
            }
        }
        for (QualifiedName relation : created) {
            if (desired.tables().containsKey(relation) || desired.views().containsKey(relation)) {
                defaults(current, relation.schema(), "r", "TABLE", relation, "", grants);
            } else if (desired.sequences().containsKey(relation)) {
                defaults(current, relation.schema(), "S", "SEQUENCE", relation, "", grants);
            }
        }
        return grants;
    }

    /**
     * What creating an object gives it whoever creates it: PUBLIC EXECUTE on a routine and PUBLIC USAGE on a type,
     * unless the current side has default privileges for every schema ({@code FOR ROLE} without {@code IN SCHEMA})
     * of that object type without them. Such a row replaces the built-in defaults for its role, and the plan does not
     * know which role runs it; rows for one schema only add to them.
     */
    private static Set<Grant> certainAtCreation(SchemaModel current, SchemaModel desired, Set<QualifiedName> created) {
        Set<Grant> given = new TreeSet<>();
        boolean executeCertain = builtInCertain(current, "f", "EXECUTE");
        boolean usageCertain = builtInCertain(current, "T", "USAGE");
        for (Routine routine : desired.routines().values()) {
            if (executeCertain && created.contains(routine.signature())) {
                given.add(new Grant("ROUTINE", routine.name(), routine.arguments(), "public", "EXECUTE", false));
            }
        }
        for (QualifiedName type : created) {
            if (usageCertain && desired.hasType(type)) {
                given.add(new Grant("TYPE", type, "", "public", "USAGE", false));
            }
        }
        return given;
    }

    private static boolean builtInCertain(SchemaModel current, String objectType, String privilege) {
        return current.defaultGrants().stream()
                .filter(d -> d.isScopeMarker() && d.schema().isEmpty() && d.objectType().equals(objectType))
                .allMatch(scope -> current.defaultGrants().contains(new DefaultGrant(scope.forRole(), "", objectType,
                        "public", privilege, false)));
    }

    private static Grant givenAtCreation(Set<Grant> given, Grant grant) {
        return given.contains(grant.withoutOption()) ? grant.withoutOption() : null;
    }

    private static void defaults(SchemaModel current, String schema, String objectType, String kind,
                                 QualifiedName object, String member, List<Grant> into) {
        for (DefaultGrant d : current.defaultGrants()) {
            boolean applies = !d.isScopeMarker() && d.objectType().equals(objectType)
                    && (d.schema().isEmpty() || d.schema().equals(schema));
            if (applies) {
                into.add(new Grant(kind, object, member, d.grantee(), d.privilege(), d.grantable()));
            }
        }
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
            case "TYPE" -> model.hasType(object);
            default -> false;
        };
    }
}
