package io.postkit.maven;

import io.postkit.core.ScriptsCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.time.Clock;

/** infra, grants and seed: print the SQL of their folder, or run it on the local clone or a remote. */
abstract class AbstractScriptsMojo extends AbstractLocalServerMojo {

    /** Run the SQL (in one transaction) instead of only printing it: on the local clone, or on remote. */
    @Parameter(property = "postkit.apply", defaultValue = "false")
    private boolean apply;

    /** Run it on this remote, by name, instead of the local clone. */
    @Parameter(property = "postkit.remote")
    private String remote;

    /** Change the remote without asking: needed in batch mode, unless the remote has confirm set to false. */
    @Parameter(property = "postkit.yes", defaultValue = "false")
    private boolean yes;

    protected AbstractScriptsMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    protected abstract ScriptsCommand.Kind kind();

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new ScriptsCommand(workspace).run(new ScriptsCommand.Request(kind(), apply, remote, yes));
    }
}
