package io.postkit.maven;

import io.postkit.core.StatusCommand;
import io.postkit.core.api.OutputFormat;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Shows the session, the last plan, the local servers and, per remote, the pending migrations; warns when a remote
 * holds migrations this checkout does not know.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractLocalDataMojo {

    /** Do not contact the remotes. */
    @Parameter(property = "postkit.offline", defaultValue = "false")
    private boolean offline;

    /** text (the default), or json: the status as one JSON document on standard output, for CI scripts. */
    @Parameter(property = "postkit.format", defaultValue = "text")
    private String format;

    @Inject
    public StatusMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        OutputFormat output = OutputFormat.of(format);
        StatusCommand.Result status = new StatusCommand(workspace).run(offline);
        if (output == OutputFormat.JSON) {
            printJson(status.json());
        }
    }
}
