package io.postkit.maven;

import io.postkit.core.ServerStartCommand;
import io.postkit.core.api.ServerRequest;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a PostgreSQL server for your application (or as a throwaway remote) from embedded binaries, without Docker
 * or an installed PostgreSQL. It keeps running after the build; stop it with postkit:server-stop.
 */
@Mojo(name = "server-start", threadSafe = true)
public class ServerStartMojo extends AbstractServerMojo {

    /** PostgreSQL major version. */
    @Parameter(property = "postkit.server.major", defaultValue = "18")
    private int serverMajor;

    /** TCP port on localhost. */
    @Parameter(property = "postkit.server.port", defaultValue = "5432")
    private int serverPort;

    /** Data directory; kept across builds and mvn clean. */
    @Parameter(property = "postkit.server.dataDir", defaultValue = "${project.basedir}/.postkit/server")
    private File serverDataDir;

    /**
     * settings.xml server whose username and password become the superuser's. Without it the superuser is
     * postgres and loopback connections are trusted.
     */
    @Parameter(property = "postkit.server.serverId")
    private String serverServerId;

    /** A database to create if it does not exist yet. */
    @Parameter(property = "postkit.server.database")
    private String serverDatabase;

    /** SQL files run, in order, in serverDatabase when it is created. */
    @Parameter
    private List<File> serverInitScripts = new ArrayList<>();

    @Inject
    public ServerStartMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run() {
        String user = "postgres";
        String password = null;
        if (serverServerId != null && !serverServerId.isBlank()) {
            Server server = settingsServer(serverServerId, "server-start");
            user = server.getUsername() == null ? user : server.getUsername();
            password = server.getPassword();
        }
        ServerRequest request = new ServerRequest(serverMajor, serverDataDir.toPath(), serverPort, user, password,
                serverDatabase, serverInitScripts.stream().map(File::toPath).toList());
        new ServerStartCommand(host()).run(request);
    }
}
