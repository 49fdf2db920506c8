package io.postkit.maven;

import io.postkit.core.CheckCommand;
import io.postkit.core.api.OutputFormat;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * The CI gate: replays the committed migrations (after infra/) into a database on the local server and fails the
 * build, listing the differences, when the schema files hold changes no migration carries. With a remote, also
 * fails when that remote differs from what its applied migrations give (a change made by hand). Needs no session.
 * Bound to the verify phase when declared in an execution.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractPlanningMojo {

    /** Also check this remote, by name, for drift from its applied migrations. */
    @Parameter(property = "postkit.remote")
    private String remote;

    /** The PostgreSQL major of the local server that replays the migrations: default the remote's, else the newest. */
    @Parameter(property = "postkit.pgVersion")
    private Integer pgVersion;

    @Inject
    public CheckMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        OutputFormat output = outputFormat();
        CheckCommand.Result result = new CheckCommand(workspace).run(new CheckCommand.Request(remote, pgVersion));
        if (output == OutputFormat.JSON) {
            printJson(result.json());
        }
        if (!result.passed()) {
            throw new PostkitException(result.failure());
        }
    }
}
