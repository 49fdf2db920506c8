package io.postkit.maven;

import io.postkit.core.AbortCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/** Drops the session's local clone and its migrations (hand-written ones too), and ends the session. */
@Mojo(name = "abort", threadSafe = true)
public class AbortMojo extends AbstractLocalServerMojo {

    @Inject
    public AbortMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new AbortCommand(workspace).run();
    }
}
