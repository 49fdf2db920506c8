package io.postkit.core.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of postkit-core, read from its sources: {@code api} (the types callers hand in and get back) depends on
 * no other postkit package, {@code internal} never on the goals in {@code io.postkit.core}, and no two packages depend
 * on each other, directly or through others.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** Imports and fully qualified uses alike: a package followed by a type name. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.postkit\\.core(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void theApiDependsOnNoOtherPostkitPackage() throws IOException {
        Map<String, Set<String>> graph = graph();
        assertEquals(Set.of(), graph.get("io.postkit.core.api"), "io.postkit.core.api imports");
    }

    @Test
    void internalCodeNeverReachesTheGoals() throws IOException {
        graph().forEach((from, targets) -> {
            if (from.startsWith("io.postkit.core.internal")) {
                assertTrue(!targets.contains("io.postkit.core"), from + " imports io.postkit.core (the goals)");
            }
        });
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> graph = graph();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = pathBack(graph, start);
            if (path != null) {
                cycles.add(path);
            }
        }
        assertEquals(List.of(), cycles, "package cycles (each starts and ends at the same package)");
    }

    /** A path from {@code start} through its dependencies back to itself, or null. */
    private static List<String> pathBack(Map<String, Set<String>> graph, String start) {
        Deque<List<String>> queue = new ArrayDeque<>();
        Set<String> seen = new TreeSet<>();
        queue.add(List.of(start));
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    queue.add(longer);
                }
            }
        }
        return null;
    }

    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                assertTrue(pkg.find(), file + " has no package declaration");
                Set<String> targets = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher ref = REFERENCE.matcher(PACKAGE.matcher(source).replaceFirst(""));
                while (ref.find()) {
                    if (!ref.group(1).equals(pkg.group(1))) {
                        targets.add(ref.group(1));
                    }
                }
            }
        }
        assertTrue(graph.keySet().containsAll(List.of("io.postkit.core", "io.postkit.core.api",
                "io.postkit.core.internal.catalog", "io.postkit.core.internal.diff", "io.postkit.core.internal.render",
                "io.postkit.core.internal.workflow")), "read the packages of " + SOURCES.toAbsolutePath() + ": "
                + graph.keySet());
        return graph;
    }
}
