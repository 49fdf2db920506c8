package io.postkit.maven;

import io.postkit.core.ScriptsCommand;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Prints the SQL of the infra/ files (roles, schemas, extensions); with -Dpostkit.apply runs it on the local clone,
 * or on -Dpostkit.remote.
 */
@Mojo(name = "infra", threadSafe = true)
public class InfraMojo extends AbstractScriptsMojo {

    @Inject
    public InfraMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected ScriptsCommand.Kind kind() {
        return ScriptsCommand.Kind.INFRA;
    }
}
