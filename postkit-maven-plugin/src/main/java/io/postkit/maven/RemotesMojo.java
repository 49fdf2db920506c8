package io.postkit.maven;

import io.postkit.core.RemotesCommand;
import io.postkit.core.api.OutputFormat;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Lists every remote and tests it: reachable or not (and why), PostgreSQL version, latency, and the committed
 * migrations it has not applied. Never shows credentials.
 */
@Mojo(name = "remotes", threadSafe = true)
public class RemotesMojo extends AbstractProjectMojo {

    /** text (the default), or json: the remotes as one JSON document on standard output, for CI scripts. */
    @Parameter(property = "postkit.format", defaultValue = "text")
    private String format;

    @Inject
    public RemotesMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        OutputFormat output = OutputFormat.of(format);
        RemotesCommand.Result remotes = new RemotesCommand(workspace).run();
        if (output == OutputFormat.JSON) {
            printJson(remotes.json());
        }
    }
}
