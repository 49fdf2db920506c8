package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Orders changes within their create and drop phases by what PostgreSQL records they depend on: partitions and
 * inheritance children on their parents ({@code pg_inherits}), domains on the table whose row type they are over
 * ({@code typbasetype}), tables on the domains their columns have ({@code atttypid}), routines on the routines
 * {@code pg_depend} says they use. Creates come after what they depend on, drops before. Otherwise the diff's
 * order stays.
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    /** @param phaseOrdered changes sorted by phase */
    static List<SchemaChange> apply(List<SchemaChange> phaseOrdered, SchemaModel current, SchemaModel desired) {
        List<SchemaChange> ordered = new ArrayList<>(phaseOrdered.size());
        int start = 0;
        while (start < phaseOrdered.size()) {
            Phase phase = phaseOrdered.get(start).phase();
            int end = start;
            while (end < phaseOrdered.size() && phaseOrdered.get(end).phase() == phase) {
                end++;
            }
            List<SchemaChange> run = phaseOrdered.subList(start, end);
            if (phase == Phase.CREATE_TABLE || phase == Phase.CREATE_ROUTINE
                    || phase == Phase.CREATE_ROUTINE_READING_RELATIONS) {
                ordered.addAll(sorted(run, change -> dependencies(change, desired), false));
            } else if (phase == Phase.DROP_TABLE || phase == Phase.DROP_ROUTINE
                    || phase == Phase.DROP_ROUTINE_READING_RELATIONS) {
                ordered.addAll(sorted(run, change -> dependencies(change, current), true));
            } else {
                ordered.addAll(run);
            }
            start = end;
        }
        return ordered;
    }

    private static QualifiedName key(SchemaChange change) {
        if (change instanceof SchemaChange.CreateTable c) {
            return c.table().name();
        } else if (change instanceof SchemaChange.DropTable c) {
            return c.table();
        } else if (change instanceof SchemaChange.CreateDomain c) {
            return c.domain().name();
        } else if (change instanceof SchemaChange.DropDomain c) {
            return c.domain().name();
        } else if (change instanceof SchemaChange.CreateRoutine c) {
            return c.routine().signature();
        } else if (change instanceof SchemaChange.DropRoutine c) {
            return c.routine().signature();
        }
        return null;
    }

    /** What the object {@code change} creates or drops depends on, as {@code model} has it. */
    private static Set<QualifiedName> dependencies(SchemaChange change, SchemaModel model) {
        if (change instanceof SchemaChange.CreateRoutine c) {
            return c.routine().uses();
        } else if (change instanceof SchemaChange.DropRoutine c) {
            return c.routine().uses();
        }
        QualifiedName key = key(change);
        Set<QualifiedName> dependencies = new TreeSet<>();
        Table table = key == null ? null : model.tables().get(key);
        Domain domain = key == null ? null : model.domains().get(key);
        if (table != null) {
            dependencies.addAll(table.parents());
            model.domains().values().stream().filter(d -> d.usedBy().contains(key))
                    .forEach(d -> dependencies.add(d.name()));
        } else if (domain != null) {
            if (domain.rowTypeOf() != null) {
                dependencies.add(domain.rowTypeOf());
            }
            if (domain.baseDomain() != null) {
                dependencies.add(domain.baseDomain());
            }
        }
        return dependencies;
    }

    /**
     * A stable topological sort: among the changes free to go, the one earliest in {@code run} goes first.
     *
     * @param dependentsFirst drops: a change goes before the changes of what it depends on
     */
    private static List<SchemaChange> sorted(List<SchemaChange> run,
                                             Function<SchemaChange, Set<QualifiedName>> dependenciesOf,
                                             boolean dependentsFirst) {
        Map<QualifiedName, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < run.size(); i++) {
            QualifiedName key = key(run.get(i));
            if (key != null) {
                indexOf.put(key, i);
            }
        }
        List<List<Integer>> after = new ArrayList<>();
        int[] waitingFor = new int[run.size()];
        for (int i = 0; i < run.size(); i++) {
            after.add(new ArrayList<>());
        }
        for (int i = 0; i < run.size(); i++) {
            for (QualifiedName dependency : dependenciesOf.apply(run.get(i))) {
                Integer j = indexOf.get(dependency);
                if (j != null && j != i) {
                    int first = dependentsFirst ? i : j;
                    int second = dependentsFirst ? j : i;
                    after.get(first).add(second);
                    waitingFor[second]++;
                }
            }
        }
        PriorityQueue<Integer> free = new PriorityQueue<>();
        for (int i = 0; i < run.size(); i++) {
            if (waitingFor[i] == 0) {
                free.add(i);
            }
        }
        List<SchemaChange> sorted = new ArrayList<>(run.size());
        boolean[] placed = new boolean[run.size()];
        while (!free.isEmpty()) {
            int next = free.poll();
            placed[next] = true;
            sorted.add(run.get(next));
            for (int dependent : after.get(next)) {
                if (--waitingFor[dependent] == 0) {
                    free.add(dependent);
                }
            }
        }
        // A cycle PostgreSQL itself would refuse: keep the rest in the diff's order, and let the server say why.
        for (int i = 0; i < run.size(); i++) {
            if (!placed[i]) {
                sorted.add(run.get(i));
            }
        }
        return sorted;
    }
}
