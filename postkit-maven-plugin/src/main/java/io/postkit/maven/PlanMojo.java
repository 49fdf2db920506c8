package io.postkit.maven;

import io.postkit.core.PlanCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/** Shows the migration that turns the local clone into the desired state of the schema files. */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractProjectMojo {

    @Inject
    public PlanMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new PlanCommand(workspace, clock).run();
    }
}
