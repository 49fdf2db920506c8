package io.postkit.core.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ../shared}: the conformance corpus and the benchmark schemas, next to the repository (the build passes its
 * place as {@code -Dpostkit.test.shared}). A developer's checkout without it skips the tests that need it; under
 * {@code CI=true} they fail instead, so that CI cannot go green without having run them.
 */
public final class SharedDirectory {

    private SharedDirectory() {
    }

    /** {@code relative} under ../shared; skips the calling test, or fails it under CI, when it is not there. */
    public static Path require(String relative) {
        return require(root(), relative, System.getenv());
    }

    static Path require(Path root, String relative, Map<String, String> environment) {
        Path path = root.resolve(relative);
        if (Files.exists(path)) {
            return path;
        }
        String message = "../shared is missing: " + path.toAbsolutePath().normalize() + " does not exist";
        if ("true".equalsIgnoreCase(environment.getOrDefault("CI", "").strip())) {
            fail(message + " (CI=true: tests that need ../shared must run in CI; put the shared folder next to the"
                    + " repository or point -Dpostkit.test.shared at it)");
        }
        System.out.println("Skipped: " + message);
        Assumptions.abort(message);
        return path;
    }

    static Path root() {
        return Path.of(System.getProperty("postkit.test.shared", "../../shared"));
    }
}
