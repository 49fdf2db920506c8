package io.postkit.maven;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.api.Credentials;
import io.postkit.core.api.Host;
import io.postkit.core.api.LocalProvider;
import io.postkit.core.api.Machine;
import io.postkit.core.api.PostgresBinaries;
import io.postkit.core.api.ProjectSettings;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A goal that works on the project: its schema directory, its managed schemas and its remotes. Goals that need
 * more (a local server, a clone, planning options) get it from the subclasses below this one.
 */
abstract class AbstractProjectMojo extends AbstractPostkitMojo {

    /** The schema directory: the desired state as SQL files, with infra/, grants/ and seeds/ inside. */
    @Parameter(property = "postkit.schemaDir", defaultValue = "${project.basedir}/db/schema")
    private File schemaDir;

    /** The managed schemas (default: public). */
    @Parameter
    private List<String> schemas = new ArrayList<>(List.of("public"));

    /**
     * The remotes (target databases), each a remote element with name, url (jdbc:postgresql://host:port/db),
     * serverId (credentials from settings.xml; else PGUSER/PGPASSWORD or ~/.pgpass), default and confirm.
     */
    @Parameter
    private List<Remote> remotes = new ArrayList<>();

    protected AbstractProjectMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected final void run() {
        if (remotes.isEmpty() && !schemaDir.isDirectory()) {
            getLog().info("postkit: this module has no postkit configuration (no <remotes>, no "
                    + project.getBasedir().toPath().relativize(schemaDir.toPath()) + "); nothing to do.");
            return;
        }
        run(workspace(), Clock.systemUTC());
    }

    protected abstract void run(Workspace workspace, Clock clock);

    /** Where the local servers keep their data; null for the default. Overridden where a goal declares it. */
    protected File localDataDir() {
        return null;
    }

    protected boolean keepRunning() {
        return false;
    }

    protected int cloneWorkers() {
        return 2;
    }

    protected boolean online() {
        return false;
    }

    protected boolean manageOwners() {
        return false;
    }

    /** For goals that start no PostgreSQL server: asking for binaries is a fault of postkit's. */
    protected PostgresBinaries binaries() {
        return major -> {
            throw new IllegalStateException("this goal starts no PostgreSQL server");
        };
    }

    protected String osUser() {
        return Machine.DEFAULT_OS_USER;
    }

    protected LocalProvider localProvider() {
        return LocalProvider.EMBEDDED;
    }

    /** How much data clones copy; only the goals that clone (start, deploy) declare the options. */
    protected CloneOptions cloneOptions() {
        return CloneOptions.FULL;
    }

    private Workspace workspace() {
        Path base = project.getBasedir().toPath();
        File dataDir = localDataDir();
        ProjectSettings settings = new ProjectSettings(base, schemaDir.toPath(), schemas,
                remotes.stream().map(Remote::toConfig).toList(), dataDir == null ? null : dataDir.toPath(),
                keepRunning(), cloneWorkers(), online(), manageOwners(), localProvider(),
                cloneOptions());
        Host host = new Host(binaries(), this::credentials, new ConsoleConfirmation(interactive()), log(),
                machine(osUser()));
        return new Workspace(settings, host);
    }

    /** The {@code <clone>} configuration, each part overridden by its user property when that is given. */

    private Credentials credentials(String serverId) {
        Server server = settingsServer(serverId, "A remote");
        return new Credentials(server.getUsername(), server.getPassword());
    }
}
