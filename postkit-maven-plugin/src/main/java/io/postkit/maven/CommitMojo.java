package io.postkit.maven;

import io.postkit.core.CommitCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Moves the session's applied migrations to .postkit/db/migrations, records them in committed.json, and ends the
 * session (the local clone is dropped).
 */
@Mojo(name = "commit", threadSafe = true)
public class CommitMojo extends AbstractLocalServerMojo {

    @Inject
    public CommitMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new CommitCommand(workspace, clock).run();
    }
}
