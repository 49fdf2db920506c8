package io.postkit.maven;

import io.postkit.core.ApplyCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Runs on the local clone, in version order: infra/, the session's hand-written migrations, the last plan written
 * as a session migration, then grants/ and seeds/. Reports each statement's duration on real data.
 */
@Mojo(name = "apply", threadSafe = true)
public class ApplyMojo extends AbstractLocalServerMojo {

    /** Run a plan whose statements drop data (tables, columns). */
    @Parameter(property = "postkit.allowDataLoss", defaultValue = "false")
    private boolean allowDataLoss;

    /** The name of the migration the plan becomes: lower-case letters, digits, underscores (default schema_change). */
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
