package io.postkit.maven;

import io.postkit.core.ServerStopCommand;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;

/** Stops the server that postkit:server-start started on this data directory. */
@Mojo(name = "server-stop", threadSafe = true)
public class ServerStopMojo extends AbstractServerMojo {

    /** Data directory of the server to stop. */
    @Parameter(property = "postkit.server.dataDir", defaultValue = "${project.basedir}/.postkit/server")
    private File serverDataDir;

    @Inject
    public ServerStopMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run() {
        new ServerStopCommand(host()).run(serverDataDir.toPath());
    }
}
