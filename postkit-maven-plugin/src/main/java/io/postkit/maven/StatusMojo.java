package io.postkit.maven;

import io.postkit.core.StatusCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/** Shows the session, the last plan, the local servers and, per remote, the pending migrations. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractProjectMojo {

    /** Do not contact the remotes. */
    @Parameter(property = "postkit.offline", defaultValue = "false")
    private boolean offline;

    @Inject
    public StatusMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new StatusCommand(workspace).run(offline);
    }
}
