package io.postkit.maven;

import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.io.File;

/** A goal that looks at the project's local servers (status), or runs them (the subclasses). */
abstract class AbstractLocalDataMojo extends AbstractProjectMojo {

    /**
     * Where the local servers keep their data, one folder per PostgreSQL major. Default: .postkit/local, or a
     * folder under /var/tmp/postkit-local when PostgreSQL runs as another OS user that cannot enter the project.
     */
    @Parameter(property = "postkit.local.dataDir")
    private File localDataDir;

    protected AbstractLocalDataMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected File localDataDir() {
        return localDataDir;
    }
}
