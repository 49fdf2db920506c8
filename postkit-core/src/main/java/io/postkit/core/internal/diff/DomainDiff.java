package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Domains: created base first, dropped derived first (from {@code typbasetype}); default, NOT NULL and checks
 * altered in place. A new base type or collation cannot be altered and is an error naming the domain.
 */
final class DomainDiff {

    private DomainDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        List<SchemaChange> changes = new ArrayList<>();
        for (QualifiedName name : baseFirst(desired.domains())) {
            Domain wanted = desired.domains().get(name);
            Domain existing = current.domains().get(name);
            if (existing == null) {
                changes.add(new SchemaChange.CreateDomain(wanted));
            } else if (!existing.sameDefinition(wanted)) {
                refuseInexpressible(existing, wanted);
                changes.add(new SchemaChange.AlterDomain(existing, wanted));
            }
        }
        List<QualifiedName> drops = baseFirst(current.domains());
        java.util.Collections.reverse(drops);
        for (QualifiedName name : drops) {
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

    private static List<QualifiedName> baseFirst(Map<QualifiedName, Domain> domains) {
        Set<QualifiedName> order = new LinkedHashSet<>();
        for (QualifiedName name : domains.keySet()) {
            place(name, domains, order, new LinkedHashSet<>());
        }
        return new ArrayList<>(order);
    }

    private static void place(QualifiedName name, Map<QualifiedName, Domain> domains, Set<QualifiedName> order,
                              Set<QualifiedName> visiting) {
        if (order.contains(name) || !visiting.add(name)) {
            return;
        }
        Domain domain = domains.get(name);
        if (domain != null && domain.baseDomain() != null && domains.containsKey(domain.baseDomain())) {
            place(domain.baseDomain(), domains, order, visiting);
        }
        order.add(name);
    }
}
