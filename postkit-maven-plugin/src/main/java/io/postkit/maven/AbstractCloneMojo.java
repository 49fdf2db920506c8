package io.postkit.maven;

import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that clones a remote into the local server: start, and deploy's dry run. */
abstract class AbstractCloneMojo extends AbstractLocalServerMojo {

    /** Parallel connections that copy table data from the remote. */
    @Parameter(property = "postkit.cloneWorkers", defaultValue = "2")
    private int cloneWorkers;

    protected AbstractCloneMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected int cloneWorkers() {
        return cloneWorkers;
    }
}
