package io.postkit.maven;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Mojos only translate parameters into core requests: they use the goals ({@code io.postkit.core}) and the types
 * those take and give ({@code io.postkit.core.api}), never core's internals.
 */
class PublicApiTest {

    private static final Pattern CORE_REFERENCE = Pattern.compile("\\b(io\\.postkit\\.core(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void theMojosUseOnlyCoresPublicPackages() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CORE_REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertTrue(used.contains("io.postkit.core"), "read the Mojos' sources");
        used.removeAll(Set.of("io.postkit.core", "io.postkit.core.api"));
        assertEquals(Set.of(), used, "core packages the plugin must not use");
    }
}
