package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.SchemaModel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Domains: default, NOT NULL and checks altered in place. A new base type or collation cannot be altered and is an
 * error naming the domain. {@link DependencyOrder} puts them after their base domain ({@code typbasetype}) and the
 * routines their checks call.
 */
final class DomainDiff {

    private DomainDiff() {
    }

    static List<SchemaChange> between(SchemaModel current, SchemaModel desired) {
        return ByName.changes(current.domains(), desired.domains(), SchemaChange.CreateDomain::new,
                DomainDiff::alter, SchemaChange.DropDomain::new);
    }

    /** Only in place: a new base type or collation is refused. */
    private static Optional<SchemaChange> alter(Domain current, Domain desired) {
        if (current.sameDefinition(desired)) {
            return Optional.empty();
        }
        if (!current.baseType().equals(desired.baseType())
                || !Objects.equals(current.collation(), desired.collation())) {
            throw new PostkitException("Domain " + desired.name() + ": postkit cannot change a domain's base type or"
                    + " collation in place yet. Write the change as a manual migration.");
        }
        return Optional.of(new SchemaChange.AlterDomain(current, desired));
    }
}
