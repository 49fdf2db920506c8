package io.postkit.maven;

import io.postkit.core.DeployCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Applies the committed migrations a remote has not applied yet (with infra/ before them, grants/ and seeds/ after),
 * after a dry run on a fresh clone of it. Bound to the deploy phase when declared in an execution.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractCloneMojo {

    /** The target remote; the default remote when not set. */
    @Parameter(property = "postkit.remote")
    private String remote;

    /** Stop after the dry run: the remote is not changed. */
    @Parameter(property = "postkit.dryRun", defaultValue = "false")
    private boolean dryRun;

    /** Deploy without asking: needed in batch mode, unless the remote is configured with confirm set to false. */
    @Parameter(property = "postkit.yes", defaultValue = "false")
    private boolean yes;

    /** Seconds to wait for another deploy to the same remote to finish; 0 fails at once. */
    @Parameter(property = "postkit.deployLockWait", defaultValue = "0")
    private int deployLockWait;

    /** Milliseconds a statement may wait for a table lock on the remote before the migration is retried. */
    @Parameter(property = "postkit.lockTimeout", defaultValue = "5000")
    private int lockTimeout;

    /** How many times a migration that could not get its locks is retried, with doubling back-off. */
    @Parameter(property = "postkit.lockRetries", defaultValue = "3")
    private int lockRetries;

    @Inject
    public DeployMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new DeployCommand(workspace, clock).run(new DeployCommand.Options(remote, dryRun, yes,
                Duration.ofSeconds(deployLockWait), Duration.ofMillis(lockTimeout), lockRetries));
    }
}
