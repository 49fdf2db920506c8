package io.postkit.core.internal.clone;

import io.postkit.core.internal.diff.Phase;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.sql.Identifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a clone builds after the data, split the way it can run in parallel, as pg_restore does:
 * <ul>
 *   <li>keys, checks and indexes per table family (a table with its partitions and inheritance children, which
 *   PostgreSQL locks together): each family's statements in order on one connection, families side by side, each
 *   as soon as its rows are in;</li>
 *   <li>foreign keys, once every key they reference exists;</li>
 *   <li>the rest (views, routines that read tables, triggers, policies, owners, privileges, comments), in order.</li>
 * </ul>
 *
 * <p>A check or foreign key that is valid on the source, between plain tables whose every row was copied from one
 * snapshot (or on a clone without rows), holds on the clone by construction: it is added {@code NOT VALID} and marked valid in the catalog, as
 * PostgreSQL's own validation would have found it, without reading every row of both tables again. Anything else
 * (a partial clone, partitioned or inherited tables, a constraint not valid on the source) is validated by
 * PostgreSQL as usual.
 */
final class PostData {

    /** Foreign keys marked valid per transaction: few round trips, short enough that parallel batches rarely wait. */
    private static final int TRUSTED_FOREIGN_KEYS_PER_BATCH = 50;

    private final Map<QualifiedName, List<String>> familyBuilds;
    private final List<SchemaChange.AddConstraint> trustedForeignKeys;
    private final List<SchemaChange.AddConstraint> validatedForeignKeys;
    private final List<String> rest;

    private PostData(Map<QualifiedName, List<String>> familyBuilds, List<SchemaChange.AddConstraint> trustedForeignKeys,
                     List<SchemaChange.AddConstraint> validatedForeignKeys, List<String> rest) {
        this.familyBuilds = familyBuilds;
        this.trustedForeignKeys = trustedForeignKeys;
        this.validatedForeignKeys = validatedForeignKeys;
        this.rest = rest;
    }

    /**
     * @param changes  the clone's whole diff; its post-data changes are taken in order
     * @param complete whether every row of a table was copied
     * @param noRows   the clone holds no rows at all (schema only): every constraint holds
     */
    static PostData of(List<SchemaChange> changes, SchemaModel model, Predicate<QualifiedName> complete,
                       boolean noRows) {
        Predicate<QualifiedName> holds = noRows ? t -> true : complete;
        Map<QualifiedName, List<String>> builds = new LinkedHashMap<>();
        List<SchemaChange.AddConstraint> trustedForeignKeys = new ArrayList<>();
        List<SchemaChange.AddConstraint> validatedForeignKeys = new ArrayList<>();
        Set<QualifiedName> parents = new TreeSet<>();
        model.tables().values().forEach(t -> parents.addAll(t.parents()));
        List<String> rest = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change.phase().isPreData()) {
                continue;
            }
            boolean trusted = trusted(change, model, parents, holds);
            if (change.phase() == Phase.ADD_FOREIGN_KEY) {
                if (trusted) {
                    trustedForeignKeys.add((SchemaChange.AddConstraint) change);
                } else {
                    validatedForeignKeys.add((SchemaChange.AddConstraint) change);
                }
                continue;
            }
            List<String> sql = trusted ? addedValid(List.of((SchemaChange.AddConstraint) change))
                    : List.of(SqlRenderer.render(change).sql());
            QualifiedName table = tableBuilt(change, model);
            if (table != null) {
                builds.computeIfAbsent(familyOf(table, model), t -> new ArrayList<>()).addAll(sql);
            } else {
                rest.addAll(sql);
            }
        }
        return new PostData(builds, trustedForeignKeys, validatedForeignKeys, rest);
    }

    /** Whether {@code change} adds a check or foreign key that the copied rows satisfy by construction. */
    private static boolean trusted(SchemaChange change, SchemaModel model, Set<QualifiedName> parents,
                                   Predicate<QualifiedName> complete) {
        if (!(change instanceof SchemaChange.AddConstraint add) || add.constraint().definition().endsWith("NOT VALID")) {
            return false;
        }
        Constraint constraint = add.constraint();
        if (constraint.type() == ConstraintType.CHECK) {
            return plain(add.table(), model, parents) && complete.test(add.table());
        }
        return constraint.type() == ConstraintType.FOREIGN_KEY && constraint.referencedTable() != null
                && plain(add.table(), model, parents) && plain(constraint.referencedTable(), model, parents)
                && complete.test(add.table()) && complete.test(constraint.referencedTable());
    }

    /**
     * A table without partitions or inheritance, on either side: its constraints are one catalog row each
     * (PostgreSQL before 18 refuses {@code NOT VALID} foreign keys on partitioned tables anyway).
     */
    private static boolean plain(QualifiedName name, SchemaModel model, Set<QualifiedName> parents) {
        Table table = model.tables().get(name);
        return table != null && table.partitionBy() == null && table.parents().isEmpty() && !parents.contains(name);
    }

    /** The constraints added without a scan, then marked valid with one statement, in the same transaction. */
    private static List<String> addedValid(List<SchemaChange.AddConstraint> adds) {
        List<String> statements = new ArrayList<>();
        adds.forEach(add -> statements.add(SqlRenderer.render(add).sql() + " NOT VALID"));
        statements.add("UPDATE pg_catalog.pg_constraint SET convalidated = true WHERE (conrelid, conname) IN ("
                + adds.stream().map(add -> "(" + Identifiers.literal(Identifiers.quote(add.table())) + "::regclass, "
                        + Identifiers.literal(add.constraint().name()) + ")").collect(Collectors.joining(", ")) + ")");
        return statements;
    }

    /** The key, check or index of a table that {@code change} builds, or null. */
    private static QualifiedName tableBuilt(SchemaChange change, SchemaModel model) {
        if (change instanceof SchemaChange.AddConstraint c && change.phase() == Phase.ADD_CONSTRAINT) {
            return c.table();
        }
        if (change instanceof SchemaChange.CreateIndex c && model.tables().containsKey(c.table())) {
            return c.table();
        }
        return null;
    }

    /** The root of the table's partition or inheritance tree (the first parent, level by level). */
    static QualifiedName familyOf(QualifiedName table, SchemaModel model) {
        QualifiedName current = table;
        for (int depth = 0; depth < 100; depth++) {
            Table t = model.tables().get(current);
            if (t == null || t.parents().isEmpty()) {
                return current;
            }
            current = t.parents().get(0);
        }
        return current;
    }

    /** Keys, checks and indexes of each table family, by the family's root. */
    Map<QualifiedName, List<String>> familyBuilds() {
        return familyBuilds;
    }

    /**
     * The foreign keys, in batches to run side by side: one that PostgreSQL validates (it reads both tables) alone,
     * those marked valid {@value #TRUSTED_FOREIGN_KEYS_PER_BATCH} at a time. Adding a foreign key locks both of its
     * tables until the transaction ends; two batches that took them in opposite orders deadlocked (LedgerSMB's
     * schema, every few clones), so each batch first locks all of its tables in one global order.
     */
    List<List<String>> foreignKeyBatches() {
        List<List<String>> batches = new ArrayList<>();
        validatedForeignKeys.forEach(add -> batches.add(lockedFirst(List.of(add),
                List.of(SqlRenderer.render(add).sql()))));
        for (int from = 0; from < trustedForeignKeys.size(); from += TRUSTED_FOREIGN_KEYS_PER_BATCH) {
            List<SchemaChange.AddConstraint> adds = trustedForeignKeys.subList(from,
                    Math.min(trustedForeignKeys.size(), from + TRUSTED_FOREIGN_KEYS_PER_BATCH));
            batches.add(lockedFirst(adds, addedValid(adds)));
        }
        return batches;
    }

    /** {@code statements} after a lock, in name order, on every table the foreign keys join. */
    private static List<String> lockedFirst(List<SchemaChange.AddConstraint> adds, List<String> statements) {
        Set<QualifiedName> tables = new TreeSet<>();
        adds.forEach(add -> {
            tables.add(add.table());
            if (add.constraint().referencedTable() != null) {
                tables.add(add.constraint().referencedTable());
            }
        });
        List<String> locked = new ArrayList<>();
        locked.add("LOCK TABLE " + tables.stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                + " IN SHARE ROW EXCLUSIVE MODE");
        locked.addAll(statements);
        return locked;
    }

    List<String> rest() {
        return rest;
    }
}
