package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Domains: default, NOT NULL and checks altered in place. A new base type or collation cannot be altered and is an
 * error naming the domain. {@link DependencyOrder} puts them after their base domain ({@code typbasetype}) and the
 * routines their checks call.
 */
final class DomainDiff {

    private DomainDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (QualifiedName name : desired.domains().keySet()) {
            Domain wanted = desired.domains().get(name);
            Domain existing = current.domains().get(name);
            if (existing == null) {
                changes.add(new SchemaChange.CreateDomain(wanted));
            } else if (!existing.sameDefinition(wanted)) {
                refuseInexpressible(existing, wanted);
                changes.add(new SchemaChange.AlterDomain(existing, wanted));
            }
        }
        for (QualifiedName name : current.domains().keySet()) {
            if (!desired.domains().containsKey(name)) {
                changes.add(new SchemaChange.DropDomain(current.domains().get(name)));
            }
        }
        return changes;
    }

    private static void refuseInexpressible(Domain current, Domain desired) {
        if (!current.baseType().equals(desired.baseType())
                || !Objects.equals(current.collation(), desired.collation())) {
            throw new PostkitException("Domain " + desired.name() + ": postkit cannot change a domain's base type or"
                    + " collation in place yet. Write the change as a manual migration.");
        }
    }
}
