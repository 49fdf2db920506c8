package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one dependency ordering of the engine: a stable topological sort. Among the items free to go, the one earliest
 * in the input goes first, so items that depend on nothing keep their order. Several items may share a key (all the
 * changes to one table); an item waits for every item whose key it depends on. A dependency on a key no item has is
 * ignored: that object is not changed here.
 *
 * @param <T> the items, e.g. changes
 * @param <K> what identifies the object an item is about
 */
final class TopologicalSort<T, K extends Comparable<K>> {

    private final Function<T, K> key;
    private final Function<T, Collection<K>> dependencies;

    /**
     * @param key          the object an item is about, or null for an item that takes no part in the order
     * @param dependencies the objects that object depends on
     */
    TopologicalSort(Function<T, K> key, Function<T, Collection<K>> dependencies) {
        this.key = key;
        this.dependencies = dependencies;
    }

    /** Dependencies first: what creates go in. */
    List<T> dependenciesFirst(List<T> items) {
        return sort(items, false);
    }

    /** Dependents first: what drops go in. */
    List<T> dependentsFirst(List<T> items) {
        return sort(items, true);
    }

    private List<T> sort(List<T> items, boolean dependentsFirst) {
        Map<K, List<Integer>> indexesOf = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            K k = key.apply(items.get(i));
            if (k != null) {
                indexesOf.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> after = new ArrayList<>();
        int[] waitingFor = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            after.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            K own = key.apply(items.get(i));
            if (own == null) {
                continue;
            }
            for (K dependency : dependencies.apply(items.get(i))) {
                if (dependency.equals(own)) {
                    continue;
                }
                for (int j : indexesOf.getOrDefault(dependency, List.of())) {
                    int first = dependentsFirst ? i : j;
                    int second = dependentsFirst ? j : i;
                    after.get(first).add(second);
                    waitingFor[second]++;
                }
            }
        }
        PriorityQueue<Integer> free = new PriorityQueue<>();
        for (int i = 0; i < items.size(); i++) {
            if (waitingFor[i] == 0) {
                free.add(i);
            }
        }
        List<T> sorted = new ArrayList<>(items.size());
        while (!free.isEmpty()) {
            int next = free.poll();
            sorted.add(items.get(next));
            for (int dependent : after.get(next)) {
                if (--waitingFor[dependent] == 0) {
                    free.add(dependent);
                }
            }
        }
        if (sorted.size() < items.size()) {
            throw new PostkitException("These objects depend on each other in a cycle, so no order can create or drop"
                    + " them: " + String.join(" -> ", cycle(items, after, waitingFor, dependentsFirst))
                    + " (each depends on the next). Break the cycle in the schema files, or write the change as a"
                    + " manual migration.");
        }
        return sorted;
    }

    /**
     * A cycle among the items left waiting, as the keys of its objects, each depending on the next and the first
     * repeated at the end. Every item left waits for another one left, so walking back from any of them meets one
     * twice.
     */
    private List<String> cycle(List<T> items, List<List<Integer>> after, int[] waitingFor, boolean dependentsFirst) {
        List<List<Integer>> before = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            before.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            for (int j : after.get(i)) {
                before.get(j).add(i);
            }
        }
        int at = 0;
        while (waitingFor[at] == 0) {
            at++;
        }
        List<Integer> path = new ArrayList<>();
        while (!path.contains(at)) {
            path.add(at);
            at = before.get(at).stream().filter(previous -> waitingFor[previous] > 0).findFirst().orElseThrow();
        }
        List<Integer> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        if (dependentsFirst) {
            java.util.Collections.reverse(loop);
        }
        loop.add(loop.get(0));
        List<String> names = new ArrayList<>();
        loop.forEach(i -> names.add(String.valueOf(key.apply(items.get(i)))));
        return names;
    }
}
