package io.postkit.core.internal.catalog;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.DefaultGrant;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.EnumType;
import io.postkit.core.internal.model.Generated;
import io.postkit.core.internal.model.Grant;
import io.postkit.core.internal.model.Identity;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.Policy;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.SequenceOptions;
import io.postkit.core.internal.model.Owner;
import io.postkit.core.internal.model.RangeType;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.Trigger;
import io.postkit.core.internal.model.View;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the managed schemas of a database into a {@link SchemaModel}, in one transaction (one consistent snapshot)
 * with {@code search_path = pg_catalog}, so PostgreSQL prints every expression and definition in the same
 * normalised, schema-qualified form on both sides of a diff.
 */
public final class CatalogReader {

    /**
     * @param excludedTables tables left out entirely, e.g. the migration table
     */
    public SchemaModel read(Connection c, Collection<String> schemas, Set<QualifiedName> excludedTables)
            throws SQLException {
        return inCatalogTransaction(c, () -> {
            Reading reading = new Reading(c, schemas, excludedTables);
            return reading.model();
        });
    }

    /** The two sides of a plan. */
    public record Sides(SchemaModel current, SchemaModel desired) {
    }

    /**
     * Reads both sides of a plan at the same time, each on its own connection (the desired side in a second
     * thread): the server works on both at once, so the two reads take about as long as the slower one.
     */
    public Sides readBoth(Connection current, Connection desired, Collection<String> schemas,
                          Set<QualifiedName> excludedTables) throws SQLException {
        java.util.concurrent.FutureTask<SchemaModel> desiredRead = new java.util.concurrent.FutureTask<>(
                () -> read(desired, schemas, excludedTables));
        Thread reader = new Thread(desiredRead, "postkit-catalog-read");
        reader.setDaemon(true);
        reader.start();
        SchemaModel currentModel = read(current, schemas, excludedTables);
        try {
            return new Sides(currentModel, desiredRead.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while reading the catalog", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Objects in the managed schemas the engine does not manage yet, as "kind name" lines. */
    public List<String> unsupportedObjects(Connection c, Collection<String> schemas) throws SQLException {
        return inCatalogTransaction(c, () -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CatalogQueries.UNSUPPORTED)) {
                ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
            }
            return found;
        });
    }

    private interface CatalogWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in the caller's transaction if there is one (a clone reads inside its exported snapshot),
     * else in a read-only repeatable-read transaction of its own; either way with search_path = pg_catalog,
     * restored afterwards.
     */
    private static <T> T inCatalogTransaction(Connection c, CatalogWork<T> work) throws SQLException {
        boolean ownTransaction = c.getAutoCommit();
        if (ownTransaction) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
        }
        String searchPath;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('search_path'),"
                     + " set_config('search_path', 'pg_catalog', true)")) {
            rs.next();
            searchPath = rs.getString(1);
        }
        try {
            return work.run();
        } finally {
            if (ownTransaction) {
                c.rollback();
                c.setAutoCommit(true);
            } else {
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
                    ps.setString(1, searchPath);
                    ps.execute();
                }
            }
        }
    }

    /** One read of one database. */
    private static final class Reading {

        private final Connection c;
        private final Collection<String> schemas;
        private final Set<QualifiedName> excluded;

        Reading(Connection c, Collection<String> schemas, Set<QualifiedName> excluded) {
            this.c = c;
            this.schemas = schemas;
            this.excluded = excluded;
        }

        SchemaModel model() throws SQLException {
            Set<String> presentSchemas = new TreeSet<>();
            query(CatalogQueries.SCHEMAS, rs -> presentSchemas.add(rs.getString(1)));
            Map<QualifiedName, List<Column>> columns = new LinkedHashMap<>();
            Map<QualifiedName, List<Constraint>> constraints = new TreeMap<>();
            Map<QualifiedName, List<Index>> indexes = new TreeMap<>();
            Map<QualifiedName, Table> shells = new TreeMap<>();
            query(CatalogQueries.TABLES, rs -> {
                columns.put(name(rs, 1), new ArrayList<>());
                shells.put(name(rs, 1), tableShell(rs));
            });
            // Rows of relations that are not managed tables (partitions, extension members) are skipped.
            query(CatalogQueries.COLUMNS, rs -> {
                if (columns.containsKey(name(rs, 1))) {
                    columns.get(name(rs, 1)).add(column(rs));
                }
            });
            query(CatalogQueries.PARTITION_COLUMNS, rs -> {
                if (columns.containsKey(name(rs, 1))) {
                    columns.get(name(rs, 1)).add(Column.of(rs.getString(3), rs.getString(4), rs.getBoolean(5),
                            rs.getString(6)));
                }
            });
            query(CatalogQueries.CONSTRAINTS, rs -> {
                if (columns.containsKey(name(rs, 1))) {
                    constraints.computeIfAbsent(name(rs, 1), k -> new ArrayList<>()).add(constraint(rs));
                }
            });
            query(CatalogQueries.INDEXES, rs -> {
                if (columns.containsKey(name(rs, 1))) {
                    indexes.computeIfAbsent(name(rs, 1), k -> new ArrayList<>())
                            .add(new Index(rs.getString(3), withoutOnly(rs.getString(4))));
                }
            });
            Map<QualifiedName, Table> tables = new TreeMap<>();
            for (Map.Entry<QualifiedName, List<Column>> e : columns.entrySet()) {
                QualifiedName table = e.getKey();
                if (!excluded.contains(table)) {
                    tables.put(table, shells.get(table).withContents(e.getValue(),
                            constraints.getOrDefault(table, List.of()), indexes.getOrDefault(table, List.of())));
                }
            }
            Map<QualifiedName, Sequence> sequences = sequences();
            Map<QualifiedName, View> views = views();
            Map<CommentTarget, String> comments = new TreeMap<>();
            query(CatalogQueries.COMMENTS, rs -> {
                CommentTarget target = new CommentTarget(CommentTarget.Kind.valueOf(rs.getString(1)), name(rs, 2),
                        rs.getString(4));
                if (!excludedComment(target)) {
                    comments.put(target, rs.getString(5));
                }
            });
            return SchemaModel.of(presentSchemas, tables, sequences, views, comments)
                    .withRoutines(routines(), triggers(relations(tables.keySet(), views.keySet())))
                    .withEnums(enums())
                    .withPolicies(policies(tables.keySet()))
                    .withGrants(grants())
                    .withDefaultGrants(defaultGrants())
                    .withDomains(domains())
                    .withComposites(composites())
                    .withRanges(ranges())
                    .withOwners(owners());
        }

        /** A table's own properties from a {@link CatalogQueries#TABLES} row, without columns and constraints. */
        private static Table tableShell(ResultSet rs) throws SQLException {
            Table.PartitionOf partitionOf = rs.getString(7) == null ? null
                    : new Table.PartitionOf(name(rs, 7), rs.getString(9));
            String[] parentSchemas = (String[]) rs.getArray(10).getArray();
            String[] parentNames = (String[]) rs.getArray(11).getArray();
            List<QualifiedName> inherits = new ArrayList<>();
            for (int i = 0; i < parentSchemas.length; i++) {
                inherits.add(QualifiedName.of(parentSchemas[i], parentNames[i]));
            }
            return new Table(name(rs, 1), List.of(), List.of(), List.of(), rs.getBoolean(3), rs.getBoolean(4),
                    rs.getBoolean(5), rs.getString(6), partitionOf, inherits,
                    List.of((String[]) rs.getArray(12).getArray()));
        }

        /**
         * A partitioned table's index prints as {@code ON ONLY parent}, which would create it on the parent alone;
         * the desired index is the whole one, created on every partition too.
         */
        private static String withoutOnly(String indexDefinition) {
            return indexDefinition.replaceFirst(" ON ONLY ", " ON ");
        }

        private static Set<QualifiedName> relations(Set<QualifiedName> tables, Set<QualifiedName> views) {
            Set<QualifiedName> relations = new TreeSet<>(tables);
            relations.addAll(views);
            return relations;
        }

        private Map<QualifiedName, Sequence> sequences() throws SQLException {
            Map<QualifiedName, List<ColumnRef>> users = new TreeMap<>();
            query(CatalogQueries.SEQUENCE_DEFAULT_USERS, rs -> {
                ColumnRef user = new ColumnRef(name(rs, 3), rs.getString(5));
                if (!excluded.contains(user.table())) {
                    users.computeIfAbsent(name(rs, 1), k -> new ArrayList<>()).add(user);
                }
            });
            Map<QualifiedName, Sequence> sequences = new TreeMap<>();
            query(CatalogQueries.SEQUENCES, rs -> {
                Sequence sequence = sequence(rs, users);
                if (sequence.ownedBy() == null || !excluded.contains(sequence.ownedBy().table())) {
                    sequences.put(sequence.name(), sequence);
                }
            });
            return sequences;
        }

        private Map<QualifiedName, CompositeType> composites() throws SQLException {
            Map<QualifiedName, List<Column>> attributes = new TreeMap<>();
            query(CatalogQueries.COMPOSITES, rs -> attributes.put(name(rs, 1), new ArrayList<>()));
            Map<QualifiedName, Set<QualifiedName>> uses = new TreeMap<>();
            query(CatalogQueries.COMPOSITE_ATTRIBUTES, rs -> {
                QualifiedName type = name(rs, 1);
                if (attributes.containsKey(type)) {
                    attributes.get(type).add(new Column(rs.getString(3), rs.getString(4), false, null,
                            Identity.NONE, null, rs.getString(5)));
                    if (rs.getString(6) != null) {
                        uses.computeIfAbsent(type, k -> new TreeSet<>()).add(name(rs, 6));
                    }
                }
            });
            Map<QualifiedName, CompositeType> composites = new TreeMap<>();
            attributes.forEach((name, attrs) -> composites.put(name,
                    new CompositeType(name, attrs, uses.getOrDefault(name, Set.of()))));
            return composites;
        }

        private List<Owner> owners() throws SQLException {
            List<Owner> owners = new ArrayList<>();
            query(CatalogQueries.OWNERS, rs -> {
                Owner owner = new Owner(rs.getString(1), name(rs, 2), rs.getString(4), rs.getString(5));
                if (!excluded.contains(owner.object())) {
                    owners.add(owner);
                }
            });
            return owners;
        }

        private Map<QualifiedName, RangeType> ranges() throws SQLException {
            Map<QualifiedName, RangeType> ranges = new TreeMap<>();
            query(CatalogQueries.RANGES, rs -> ranges.put(name(rs, 1), new RangeType(name(rs, 1), rs.getString(3))));
            return ranges;
        }

        private Map<QualifiedName, Domain> domains() throws SQLException {
            Map<QualifiedName, List<Constraint>> checks = new TreeMap<>();
            query(CatalogQueries.DOMAIN_CONSTRAINTS, rs -> checks.computeIfAbsent(name(rs, 1), k -> new ArrayList<>())
                    .add(Constraint.of(rs.getString(3), ConstraintType.CHECK, rs.getString(4))));
            Map<QualifiedName, Set<QualifiedName>> routines = related(CatalogQueries.DOMAIN_ROUTINES);
            Map<QualifiedName, Set<QualifiedName>> users = new TreeMap<>();
            query(CatalogQueries.DOMAIN_USERS, rs -> {
                if (!excluded.contains(name(rs, 3))) {
                    users.computeIfAbsent(name(rs, 1), k -> new TreeSet<>()).add(name(rs, 3));
                }
            });
            Map<QualifiedName, Domain> domains = new TreeMap<>();
            query(CatalogQueries.DOMAINS, rs -> {
                QualifiedName name = name(rs, 1);
                QualifiedName base = rs.getString(4) == null ? null : name(rs, 4);
                QualifiedName rowTypeOf = rs.getString(9) == null ? null : name(rs, 9);
                domains.put(name, new Domain(name, rs.getString(3), base, rs.getString(6), rs.getString(7),
                        rs.getBoolean(8), checks.getOrDefault(name, List.of()), rowTypeOf,
                        users.getOrDefault(name, Set.of()), routines.getOrDefault(name, Set.of())));
            });
            return domains;
        }

        private Set<DefaultGrant> defaultGrants() throws SQLException {
            Set<DefaultGrant> defaults = new TreeSet<>();
            query(CatalogQueries.DEFAULT_GRANT_SCOPES, rs -> defaults.add(DefaultGrant.scopeMarker(rs.getString(1),
                    rs.getString(2), rs.getString(3))));
            query(CatalogQueries.DEFAULT_GRANTS, rs -> defaults.add(new DefaultGrant(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6))));
            return defaults;
        }

        private Set<Grant> grants() throws SQLException {
            Set<Grant> grants = new TreeSet<>();
            query(CatalogQueries.GRANTS, rs -> {
                Grant grant = new Grant(rs.getString(1), name(rs, 2), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBoolean(7));
                if (!excluded.contains(grant.object())) {
                    grants.add(grant);
                }
            });
            return grants;
        }

        private Map<String, Policy> policies(Set<QualifiedName> tables) throws SQLException {
            Map<String, Policy> policies = new TreeMap<>();
            query(CatalogQueries.POLICIES, rs -> {
                Policy policy = new Policy(name(rs, 1), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                        List.of((String[]) rs.getArray(6).getArray()), rs.getString(7), rs.getString(8));
                if (tables.contains(policy.table())) {
                    policies.put(policy.key(), policy);
                }
            });
            return policies;
        }

        private Map<QualifiedName, EnumType> enums() throws SQLException {
            Map<QualifiedName, List<String>> labels = new TreeMap<>();
            query(CatalogQueries.ENUMS, rs -> labels.put(name(rs, 1),
                    List.of((String[]) rs.getArray(3).getArray())));
            Map<QualifiedName, List<ColumnRef>> usedBy = new TreeMap<>();
            query(CatalogQueries.ENUM_COLUMNS, rs -> usedBy.computeIfAbsent(name(rs, 1), k -> new ArrayList<>())
                    .add(new ColumnRef(name(rs, 3), rs.getString(5))));
            Map<QualifiedName, EnumType> enums = new TreeMap<>();
            labels.forEach((name, values) -> enums.put(name,
                    new EnumType(name, values, usedBy.getOrDefault(name, List.of()))));
            return enums;
        }

        /** Rows of (schema, object, schema, related object), as a map from each object to what it relates to. */
        private Map<QualifiedName, Set<QualifiedName>> related(String sql) throws SQLException {
            Map<QualifiedName, Set<QualifiedName>> related = new TreeMap<>();
            query(sql, rs -> related.computeIfAbsent(name(rs, 1), k -> new TreeSet<>()).add(name(rs, 3)));
            return related;
        }

        private Map<QualifiedName, Routine> routines() throws SQLException {
            Map<QualifiedName, Set<QualifiedName>> types = related(CatalogQueries.ROUTINE_TYPES);
            Map<QualifiedName, Routine> routines = new TreeMap<>();
            query(CatalogQueries.ROUTINES, rs -> {
                String[] schemasUsed = (String[]) rs.getArray(8).getArray();
                String[] signaturesUsed = (String[]) rs.getArray(9).getArray();
                Set<QualifiedName> uses = new TreeSet<>();
                for (int i = 0; i < schemasUsed.length; i++) {
                    uses.add(QualifiedName.of(schemasUsed[i], signaturesUsed[i]));
                }
                uses.addAll(types.getOrDefault(QualifiedName.of(rs.getString(1), rs.getString(2) + "("
                        + rs.getString(3) + ")"), Set.of()));
                Routine routine = new Routine(name(rs, 1), rs.getString(3), Routine.Kind.fromCatalog(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), uses);
                routines.put(routine.signature(), routine);
            });
            return routines;
        }

        private Map<String, Trigger> triggers(Set<QualifiedName> relations) throws SQLException {
            Map<String, Trigger> triggers = new TreeMap<>();
            query(CatalogQueries.TRIGGERS, rs -> {
                Trigger trigger = new Trigger(name(rs, 1), rs.getString(3), rs.getString(4), rs.getString(5),
                        name(rs, 6));
                if (relations.contains(trigger.table())) {
                    triggers.put(trigger.key(), trigger);
                }
            });
            return triggers;
        }

        private Map<QualifiedName, View> views() throws SQLException {
            Map<QualifiedName, String[]> definitions = new TreeMap<>();
            query(CatalogQueries.VIEWS, rs -> definitions.put(name(rs, 1),
                    new String[] {rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)}));
            Map<QualifiedName, List<Index>> indexes = new TreeMap<>();
            query(CatalogQueries.VIEW_INDEXES, rs -> indexes.computeIfAbsent(name(rs, 1), k -> new ArrayList<>())
                    .add(new Index(rs.getString(3), rs.getString(4))));
            Map<QualifiedName, List<Column>> columns = new TreeMap<>();
            query(CatalogQueries.VIEW_COLUMNS, rs -> columns.computeIfAbsent(name(rs, 1), k -> new ArrayList<>())
                    .add(Column.of(rs.getString(3), rs.getString(4), false, null)));
            Map<QualifiedName, Set<String>> reads = new TreeMap<>();
            query(CatalogQueries.VIEW_DEPENDENCIES, rs -> {
                Set<String> set = reads.computeIfAbsent(name(rs, 1), k -> new TreeSet<>());
                String relation = name(rs, 3).toString();
                set.add(relation);
                if (!rs.getString(5).isEmpty()) {
                    set.add(relation + "." + rs.getString(5));
                }
            });
            Map<QualifiedName, View> views = new TreeMap<>();
            for (Map.Entry<QualifiedName, String[]> e : definitions.entrySet()) {
                String options = e.getValue()[1];
                views.put(e.getKey(), new View(e.getKey(), columns.getOrDefault(e.getKey(), List.of()),
                        e.getValue()[0], options.isEmpty() ? List.of() : List.of(options.split(",")),
                        reads.getOrDefault(e.getKey(), Set.of()), "t".equals(e.getValue()[2]),
                        "t".equals(e.getValue()[3]), indexes.getOrDefault(e.getKey(), List.of())));
            }
            return views;
        }

        private boolean excludedComment(CommentTarget target) {
            return target.kind() != CommentTarget.Kind.SCHEMA && target.kind() != CommentTarget.Kind.INDEX
                    && target.kind() != CommentTarget.Kind.SEQUENCE && excluded.contains(target.object());
        }

        private interface RowHandler {
            void handle(ResultSet rs) throws SQLException;
        }

        /** Runs {@code sql}, whose only parameter is the managed schemas. */
        private void query(String sql, RowHandler handler) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            }
        }

        private static QualifiedName name(ResultSet rs, int column) throws SQLException {
            return QualifiedName.of(rs.getString(column), rs.getString(column + 1));
        }

        private static Column column(ResultSet rs) throws SQLException {
            Identity identity = Identity.fromCatalog(rs.getString(7));
            SequenceOptions identityOptions = identity == Identity.NONE ? null : options(rs, 10);
            return new Column(rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), identity,
                    identityOptions, rs.getString(9), Generated.fromCatalog(rs.getString(8)));
        }

        private static Constraint constraint(ResultSet rs) throws SQLException {
            String contype = rs.getString(4);
            QualifiedName referenced = rs.getString(6) == null ? null : name(rs, 6);
            return new Constraint(rs.getString(3), ConstraintType.fromCatalog(contype), rs.getString(5), referenced);
        }

        private static Sequence sequence(ResultSet rs, Map<QualifiedName, List<ColumnRef>> users)
                throws SQLException {
            ColumnRef owner = rs.getString(11) == null ? null : new ColumnRef(name(rs, 10), rs.getString(12));
            return new Sequence(name(rs, 1), options(rs, 3), owner, users.getOrDefault(name(rs, 1), List.of()));
        }

        private static SequenceOptions options(ResultSet rs, int first) throws SQLException {
            return new SequenceOptions(rs.getString(first), rs.getLong(first + 1), rs.getLong(first + 2),
                    rs.getLong(first + 3), rs.getLong(first + 4), rs.getLong(first + 5), rs.getBoolean(first + 6));
        }
    }
}
