package io.postkit.core.internal.clone;

import io.postkit.core.internal.model.QualifiedName;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Makes a partial clone keep its foreign keys: after the selected rows are copied, every row they reference that
 * was left out (a sample, an excluded table) is copied too, from the same snapshot, and so on up the chain of
 * references until nothing is missing. Tables are visited children first, so in a schema without reference cycles
 * each foreign key is looked at once; a table that receives rows makes the foreign keys of its own rows due again.
 */
final class ForeignKeyClosure {

    /** Keys sent to the source per query: bounds the query's size. */
    private static final int KEYS_PER_QUERY = 10_000;

    private final List<ForeignKeyLink> links;
    private final Map<QualifiedName, List<ForeignKeyLink>> referencing = new TreeMap<>();

    /** @param complete whether every row of a table is in the clone already (nothing can be missing from it) */
    ForeignKeyClosure(List<ForeignKeyLink> links, Predicate<QualifiedName> complete) {
        this.links = links.stream().filter(l -> !complete.test(l.parent())).toList();
        for (ForeignKeyLink link : this.links) {
            referencing.computeIfAbsent(link.parent(), t -> new ArrayList<>()).add(link);
        }
    }

    boolean needed() {
        return !links.isEmpty();
    }

    /**
     * Copies the missing parents. {@code copier} reads in the clone's snapshot; its target is the clone, which
     * already holds the selected rows. Returns the rows added per table.
     */
    Map<QualifiedName, Long> close(TableCopier copier, Connection clone) throws SQLException {
        Map<QualifiedName, Long> added = new TreeMap<>();
        Deque<ForeignKeyLink> due = new ArrayDeque<>(childrenFirst());
        Set<ForeignKeyLink> queued = new LinkedHashSet<>(due);
        while (!due.isEmpty()) {
            ForeignKeyLink link = due.removeFirst();
            queued.remove(link);
            long rows = pull(link, copier, clone);
            if (rows > 0) {
                added.merge(link.parent(), rows, Long::sum);
                // The parent's new rows may reference rows that are missing in turn.
                for (ForeignKeyLink next : links) {
                    if (next.child().equals(link.parent()) && queued.add(next)) {
                        due.addLast(next);
                    }
                }
            }
        }
        return added;
    }

    private long pull(ForeignKeyLink link, TableCopier copier, Connection clone) throws SQLException {
        List<List<String>> keys = missingKeys(link, clone);
        long rows = 0;
        int count = keys.get(0).size();
        for (int from = 0; from < count; from += KEYS_PER_QUERY) {
            int to = Math.min(count, from + KEYS_PER_QUERY);
            List<List<String>> slice = new ArrayList<>();
            for (List<String> column : keys) {
                slice.add(column.subList(from, to));
            }
            rows += copier.copy("rows of " + link.parent() + " that " + link.child() + " references",
                    link.copyParentsOut(slice), link.copyParentsIn());
        }
        return rows;
    }

    /** The missing keys, column by column. */
    private static List<List<String>> missingKeys(ForeignKeyLink link, Connection clone) throws SQLException {
        List<List<String>> keys = new ArrayList<>();
        link.childColumns().forEach(c -> keys.add(new ArrayList<>()));
        try (Statement s = clone.createStatement(); ResultSet rs = s.executeQuery(link.missingKeysQuery())) {
            while (rs.next()) {
                for (int i = 0; i < keys.size(); i++) {
                    keys.get(i).add(rs.getString(i + 1));
                }
            }
        }
        clone.commit();
        return keys;
    }

    /**
     * The links ordered so that a table's references are followed only after every table that references it was
     * visited (a depth-first order over "is referenced by"); cycles are cut where met and revisited by
     * {@link #close} as rows arrive.
     */
    private List<ForeignKeyLink> childrenFirst() {
        List<QualifiedName> order = new ArrayList<>();
        Set<QualifiedName> visited = new LinkedHashSet<>();
        for (ForeignKeyLink link : links) {
            visit(link.child(), visited, order);
        }
        Map<QualifiedName, Integer> rank = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
        List<ForeignKeyLink> sorted = new ArrayList<>(links);
        sorted.sort((a, b) -> Integer.compare(rank.get(a.child()), rank.get(b.child())));
        return sorted;
    }

    /** Adds {@code table} to {@code order} after every table that references it. */
    private void visit(QualifiedName table, Set<QualifiedName> visited, List<QualifiedName> order) {
        if (!visited.add(table)) {
            return;
        }
        for (ForeignKeyLink link : referencing.getOrDefault(table, List.of())) {
            if (!link.child().equals(table)) {
                visit(link.child(), visited, order);
            }
        }
        order.add(table);
    }
}
