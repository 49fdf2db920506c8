package io.postkit.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A list of what is known to be wrong (or known to be skipped), kept under {@code src/test/resources}: one entry a
 * line, {@code #} lines are comments. A test compares what it saw with the list, and the build fails when they
 * differ either way: something new that is not listed (a regression), or a listed entry that no longer shows (fixed:
 * remove it, so that it cannot come back unnoticed). The list only changes on purpose.
 */
public final class RatchetFile {

    private final String resource;
    private final Set<String> entries;

    private RatchetFile(String resource, Set<String> entries) {
        this.resource = resource;
        this.entries = entries;
    }

    /** The list at {@code resource} on the test class path (a missing file is an empty list). */
    public static RatchetFile load(String resource) {
        try (InputStream in = RatchetFile.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                return new RatchetFile(resource, Set.of());
            }
            Set<String> entries = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(entries::add);
            return new RatchetFile(resource, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public Set<String> entries() {
        return entries;
    }

    /** Entries {@code "<key> | … | <line>"}: what a test saw, under the key that places it (major, case, phase). */
    public static List<String> entries(List<String> lines, Object... key) {
        StringBuilder prefix = new StringBuilder();
        for (Object part : key) {
            prefix.append(part).append(" | ");
        }
        return lines.stream().map(line -> prefix + line).toList();
    }

    /**
     * Compares {@code seen} with the listed entries that {@code inScope} accepts (entries of a major or a case that
     * did not run are not judged).
     *
     * @return what fails the build, one paragraph per direction; empty when the list is right
     */
    public String compare(Collection<String> seen, Predicate<String> inScope) {
        Set<String> unlisted = new TreeSet<>(seen);
        unlisted.removeAll(entries);
        List<String> gone = new ArrayList<>();
        for (String entry : entries) {
            if (inScope.test(entry) && !seen.contains(entry)) {
                gone.add(entry);
            }
        }
        StringBuilder problems = new StringBuilder();
        if (!unlisted.isEmpty()) {
            problems.append(unlisted.size()).append(" not listed in ").append(path())
                    .append(" (fix them, or list them if they are expected):\n  ")
                    .append(String.join("\n  ", unlisted)).append('\n');
        }
        if (!gone.isEmpty()) {
            problems.append(gone.size()).append(" listed in ").append(path())
                    .append(" but no longer seen (remove them from the list):\n  ")
                    .append(String.join("\n  ", gone)).append('\n');
        }
        return problems.toString();
    }

    private String path() {
        return "postkit-core/src/test/resources/" + resource;
    }
}
