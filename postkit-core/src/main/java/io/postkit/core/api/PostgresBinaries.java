package io.postkit.core.api;

/**
 * Where the PostgreSQL binaries for a major version come from. The Maven plugin resolves them with Maven
 * Resolver; tests read archives copied next to the build. Implementations throw {@link io.postkit.core.api.PostkitException}
 * when the archive cannot be had (offline, unknown version), naming the coordinates.
 */
public interface PostgresBinaries {

    BinariesArchive archiveFor(int major);
}
