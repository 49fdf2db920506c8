package io.postkit.core.internal.model;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the engine manages in a database's managed schemas, as read from {@code pg_catalog}. Immutable;
 * iteration order is by name, so rendering and fingerprints are deterministic.
 *
 * @param comments comments on the schema's objects, by what they are on
 * @param ranges   range types
 * @param owners   who owns each object (compared only when ownership is managed)
 */
public record SchemaModel(SortedSet<String> schemas, SortedMap<QualifiedName, EnumType> enums,
                          SortedMap<QualifiedName, Domain> domains, SortedMap<QualifiedName, CompositeType> composites,
                          SortedMap<QualifiedName, Table> tables,
                          SortedMap<QualifiedName, Sequence> sequences, SortedMap<QualifiedName, View> views,
                          SortedMap<QualifiedName, Routine> routines, SortedMap<String, Trigger> triggers,
                          SortedMap<String, Policy> policies, SortedSet<Grant> grants,
                          SortedSet<DefaultGrant> defaultGrants, SortedMap<CommentTarget, String> comments,
                          SortedMap<QualifiedName, RangeType> ranges, SortedSet<Owner> owners) {

    public SchemaModel {
        schemas = Collections.unmodifiableSortedSet(new TreeSet<>(schemas));
        enums = Collections.unmodifiableSortedMap(new TreeMap<>(enums));
        domains = Collections.unmodifiableSortedMap(new TreeMap<>(domains));
        composites = Collections.unmodifiableSortedMap(new TreeMap<>(composites));
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableSortedMap(new TreeMap<>(sequences));
        views = Collections.unmodifiableSortedMap(new TreeMap<>(views));
        routines = Collections.unmodifiableSortedMap(new TreeMap<>(routines));
        triggers = Collections.unmodifiableSortedMap(new TreeMap<>(triggers));
        policies = Collections.unmodifiableSortedMap(new TreeMap<>(policies));
        grants = Collections.unmodifiableSortedSet(new TreeSet<>(grants));
        defaultGrants = Collections.unmodifiableSortedSet(new TreeSet<>(defaultGrants));
        comments = Collections.unmodifiableSortedMap(new TreeMap<>(comments));
        ranges = Collections.unmodifiableSortedMap(new TreeMap<>(ranges));
        owners = Collections.unmodifiableSortedSet(new TreeSet<>(owners));
    }

    public static SchemaModel empty() {
        return of(Set.of(), Map.of(), Map.of());
    }

    public static SchemaModel of(Set<String> schemas, Map<QualifiedName, Table> tables,
                                 Map<QualifiedName, Sequence> sequences) {
        return of(schemas, tables, sequences, Map.of());
    }

    public static SchemaModel of(Set<String> schemas, Map<QualifiedName, Table> tables,
                                 Map<QualifiedName, Sequence> sequences, Map<CommentTarget, String> comments) {
        return of(schemas, tables, sequences, Map.of(), comments);
    }

    public static SchemaModel of(Set<String> schemas, Map<QualifiedName, Table> tables,
                                 Map<QualifiedName, Sequence> sequences, Map<QualifiedName, View> views,
                                 Map<CommentTarget, String> comments) {
        return new SchemaModel(new TreeSet<>(schemas), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(tables),
                new TreeMap<>(sequences), new TreeMap<>(views), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeSet<>(), new TreeSet<>(), new TreeMap<>(comments), new TreeMap<>(), new TreeSet<>());
    }

    /** This model with its tables replaced. */
    public SchemaModel withTables(Map<QualifiedName, Table> newTables) {
        return new SchemaModel(schemas, enums, domains, composites, new TreeMap<>(newTables), sequences, views,
                routines, triggers, policies, grants, defaultGrants, comments, ranges, owners);
    }

    /** A model with these routines and triggers added. */
    public SchemaModel withRoutines(Map<QualifiedName, Routine> routines, Map<String, Trigger> triggers) {
        return new SchemaModel(schemas, enums, domains, composites, tables, sequences, views, new TreeMap<>(routines),
                new TreeMap<>(triggers), policies, grants, defaultGrants, comments, ranges, owners);
    }

    /** A model with these enum types added. */
    public SchemaModel withEnums(Map<QualifiedName, EnumType> enumTypes) {
        return new SchemaModel(schemas, new TreeMap<>(enumTypes), domains, composites, tables, sequences, views, routines, triggers,
                policies, grants, defaultGrants, comments, ranges, owners);
    }

    /** A model with these row-level security policies added. */
    public SchemaModel withPolicies(Map<String, Policy> rowPolicies) {
        return new SchemaModel(schemas, enums, domains, composites, tables, sequences, views, routines, triggers,
                new TreeMap<>(rowPolicies), grants, defaultGrants, comments, ranges, owners);
    }

    /** A model with these privileges added. */
    public SchemaModel withGrants(Set<Grant> privileges) {
        return new SchemaModel(schemas, enums, domains, composites, tables, sequences, views, routines, triggers, policies,
                new TreeSet<>(privileges), defaultGrants, comments, ranges, owners);
    }

    /** A model with these default privileges added. */
    public SchemaModel withDefaultGrants(Set<DefaultGrant> defaults) {
        return new SchemaModel(schemas, enums, domains, composites, tables, sequences, views, routines, triggers, policies, grants,
                new TreeSet<>(defaults), comments, ranges, owners);
    }

    /** A model with these domains added. */
    public SchemaModel withDomains(Map<QualifiedName, Domain> domainTypes) {
        return new SchemaModel(schemas, enums, new TreeMap<>(domainTypes), composites, tables, sequences, views,
                routines, triggers, policies, grants, defaultGrants, comments, ranges, owners);
    }

    /** A model with these composite types added. */
    public SchemaModel withComposites(Map<QualifiedName, CompositeType> compositeTypes) {
        return new SchemaModel(schemas, enums, domains, new TreeMap<>(compositeTypes), tables, sequences, views,
                routines, triggers, policies, grants, defaultGrants, comments, ranges, owners);
    }

    /** A model with these range types added. */
    public SchemaModel withRanges(Map<QualifiedName, RangeType> rangeTypes) {
        return new SchemaModel(schemas, enums, domains, composites, tables, sequences, views, routines, triggers,
                policies, grants, defaultGrants, comments, new TreeMap<>(rangeTypes), owners);
    }

    /** A model with these owners added. */
    public SchemaModel withOwners(java.util.Collection<Owner> objectOwners) {
        return new SchemaModel(schemas, enums, domains, composites, tables, sequences, views, routines, triggers,
                policies, grants, defaultGrants, comments, ranges, new TreeSet<>(objectOwners));
    }

    /** The names of the types of the managed kinds: enums, domains, composite and range types. */
    public SortedSet<QualifiedName> typeNames() {
        SortedSet<QualifiedName> names = new TreeSet<>(enums.keySet());
        names.addAll(domains.keySet());
        names.addAll(composites.keySet());
        names.addAll(ranges.keySet());
        return names;
    }

    /** Whether a type of the managed kinds (enum, domain, composite, range) has this name. */
    public boolean hasType(QualifiedName name) {
        return enums.containsKey(name) || domains.containsKey(name) || composites.containsKey(name)
                || ranges.containsKey(name);
    }

    /** Whether the object a comment is on exists in this model. */
    public boolean has(CommentTarget target) {
        QualifiedName object = target.object();
        return switch (target.kind()) {
            case SCHEMA -> schemas.contains(object.name());
            case TABLE -> tables.containsKey(object);
            case VIEW, MATERIALIZED_VIEW -> views.containsKey(object);
            case COLUMN -> tables.containsKey(object) ? tables.get(object).column(target.member()).isPresent()
                    : views.containsKey(object) && views.get(object).columns().stream()
                    .anyMatch(c -> c.name().equals(target.member()));
            case CONSTRAINT -> tables.containsKey(object)
                    && tables.get(object).constraint(target.member()).isPresent();
            case SEQUENCE -> sequences.containsKey(object);
            case ROUTINE -> routines.containsKey(QualifiedName.of(object.schema(),
                    object.name() + "(" + target.member() + ")"));
            case TRIGGER -> triggers.containsKey(object + "." + target.member());
            case TYPE -> hasType(object);
            case INDEX -> tables.values().stream().anyMatch(t -> t.name().schema().equals(object.schema())
                    && t.index(object.name()).isPresent()) || views.values().stream().anyMatch(v ->
                    v.name().schema().equals(object.schema())
                    && v.indexes().stream().anyMatch(i -> i.name().equals(object.name())));
        };
    }
}
