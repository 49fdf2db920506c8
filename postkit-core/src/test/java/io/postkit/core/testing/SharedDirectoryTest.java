package io.postkit.core.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedDirectoryTest {

    @TempDir
    Path root;

    @Test
    void aPresentPathIsReturned() throws IOException {
        Files.createDirectories(root.resolve("conformance/pgschema"));
        assertEquals(root.resolve("conformance/pgschema"),
                SharedDirectory.require(root, "conformance/pgschema", Map.of("CI", "true")));
    }

    @Test
    void aMissingPathFailsUnderCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SharedDirectory.require(root, "conformance/pgschema", Map.of("CI", "true")));
        assertTrue(e.getMessage().startsWith("../shared is missing: " + root.resolve("conformance/pgschema")
                + " does not exist (CI=true: "), e.getMessage());
    }

    @Test
    void aMissingPathSkipsOutsideCi() {
        for (Map<String, String> environment : new Map[] {Map.of(), Map.of("CI", "false"), Map.of("CI", "")}) {
            TestAbortedException e = assertThrows(TestAbortedException.class,
                    () -> SharedDirectory.require(root, "bench-schemas/gitlab-structure.sql", environment));
            assertEquals("../shared is missing: " + root.resolve("bench-schemas/gitlab-structure.sql")
                    + " does not exist", e.getMessage());
        }
    }
}
