package io.postkit.core.internal.diff;

import io.postkit.core.api.PostkitException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's one dependency ordering, on items "key:dependency,dependency". */
class TopologicalSortTest {

    private static final TopologicalSort<String, String> SORT = new TopologicalSort<>(
            item -> item.startsWith("-") ? null : item.split(":")[0],
            item -> item.contains(":") && item.split(":").length > 1 ? List.of(item.split(":")[1].split(","))
                    : List.of());

    @Test
    void itemsFreeToGoKeepTheirOrder() {
        List<String> items = List.of("c", "a", "-x", "b");
        assertEquals(items, SORT.dependenciesFirst(items));
        assertEquals(items, SORT.dependentsFirst(items));
    }

    @Test
    void createsFollowTheirDependenciesAndDropsPrecedeThem() {
        List<String> items = List.of("view:table,function", "function:type", "table:type", "type");
        assertEquals(List.of("type", "function:type", "table:type", "view:table,function"),
                SORT.dependenciesFirst(items));
        assertEquals(List.of("view:table,function", "function:type", "table:type", "type"),
                SORT.dependentsFirst(items));
    }

    @Test
    void everyItemOfAKeyWaitsAndDependenciesOnObjectsNotChangedAreIgnored() {
        List<String> items = List.of("child:parent,elsewhere", "child:parent", "parent", "parent");
        assertEquals(List.of("parent", "parent", "child:parent,elsewhere", "child:parent"),
                SORT.dependenciesFirst(items));
        assertEquals(List.of("self:self"), SORT.dependenciesFirst(List.of("self:self")), "itself does not count");
    }

    @Test
    void aCycleIsAnErrorNamingItsObjectsInDependencyOrder() {
        List<String> items = List.of("free", "a:b", "b:c", "c:a", "after:a");
        PostkitException creating = assertThrows(PostkitException.class, () -> SORT.dependenciesFirst(items));
        assertEquals("These objects depend on each other in a cycle, so no order can create or drop them:"
                + " a -> b -> c -> a (each depends on the next). Break the cycle in the schema files, or write the"
                + " change as a manual migration.", creating.getMessage());
        PostkitException dropping = assertThrows(PostkitException.class, () -> SORT.dependentsFirst(items));
        assertTrue(dropping.getMessage().contains(": b -> c -> a -> b (each depends on the next)"),
                dropping.getMessage());
    }
}
