package io.postkit.maven;

import io.postkit.core.StartCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Clones a remote (schema and data) into a local PostgreSQL of the same major version, runs infra/ on it, and
 * starts a session.
 */
@Mojo(name = "start", threadSafe = true)
public class StartMojo extends AbstractCloneMojo {

    /** The remote to clone, by name; the default remote when not set. */
    @Parameter(property = "postkit.remote")
    private String remote;

    @Inject
    public StartMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new StartCommand(workspace, clock).run(remote);
    }
}
