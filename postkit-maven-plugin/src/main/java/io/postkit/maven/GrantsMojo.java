package io.postkit.maven;

import io.postkit.core.ScriptsCommand;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Prints the SQL of the grants/ (and policies/) files; with -Dpostkit.apply runs it on the local clone, or on
 * -Dpostkit.remote.
 */
@Mojo(name = "grants", threadSafe = true)
public class GrantsMojo extends AbstractScriptsMojo {

    @Inject
    public GrantsMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected ScriptsCommand.Kind kind() {
        return ScriptsCommand.Kind.GRANTS;
    }
}
