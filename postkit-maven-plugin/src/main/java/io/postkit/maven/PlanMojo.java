package io.postkit.maven;

import io.postkit.core.PlanCommand;
import io.postkit.core.api.OutputFormat;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Shows the migration that turns the local clone into the desired state of the schema files, and writes it to
 * .postkit/db/plan.sql and plan.json.
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractPlanningMojo {

    /**
     * Online mode: indexes built CONCURRENTLY, foreign keys and checks added NOT VALID and validated apart, NOT NULL
     * set through a validated check, so writes go on; such steps become transaction:false migrations.
     */
    @Parameter(property = "postkit.online", defaultValue = "false")
    private boolean online;

    @Inject
    public PlanMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected boolean online() {
        return online;
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        OutputFormat output = outputFormat();
        var plan = new PlanCommand(workspace, clock).run();
        if (output == OutputFormat.JSON) {
            printJson(PlanCommand.json(plan));
        }
    }
}
