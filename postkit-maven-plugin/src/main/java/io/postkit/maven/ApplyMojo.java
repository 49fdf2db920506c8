package io.postkit.maven;

import io.postkit.core.ApplyCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/** Writes the last plan as a session migration and runs it on the local clone. */
@Mojo(name = "apply", threadSafe = true)
public class ApplyMojo extends AbstractProjectMojo {

    /** Run statements that drop data (tables, columns). */
    @Parameter(property = "postkit.allowDataLoss", defaultValue = "false")
    private boolean allowDataLoss;

    /** The migration's name: lower case letters, digits and underscores. */
    @Parameter(property = "postkit.name")
    private String name;

    @Inject
    public ApplyMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new ApplyCommand(workspace, clock).run(new ApplyCommand.Options(allowDataLoss, name));
    }
}
