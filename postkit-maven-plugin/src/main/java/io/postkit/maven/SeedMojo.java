package io.postkit.maven;

import io.postkit.core.ScriptsCommand;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Prints the SQL of the seeds/ (and seed/) files; with -Dpostkit.apply runs it on the local clone (twice, to check
 * that it is idempotent), or on -Dpostkit.remote.
 */
@Mojo(name = "seed", threadSafe = true)
public class SeedMojo extends AbstractScriptsMojo {

    @Inject
    public SeedMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected ScriptsCommand.Kind kind() {
        return ScriptsCommand.Kind.SEEDS;
    }
}
