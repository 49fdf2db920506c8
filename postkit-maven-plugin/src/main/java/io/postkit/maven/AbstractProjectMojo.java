package io.postkit.maven;

import io.postkit.core.api.CloneOptions;
import io.postkit.core.api.Credentials;
import io.postkit.core.api.ProjectSettings;
import io.postkit.core.api.Host;
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

/** A goal that works on the project's session, history and remotes. */
abstract class AbstractProjectMojo extends AbstractPostkitMojo {

    /** The schema directory: the desired state, plus infra/, grants/ and seeds/. */
    @Parameter(property = "postkit.schemaDir", defaultValue = "${project.basedir}/db/schema")
    private File schemaDir;

    /** The managed schemas. */
    @Parameter
    private List<String> schemas = new ArrayList<>(List.of("public"));

    /** The remotes (target databases). Credentials come from settings.xml, the environment or ~/.pgpass. */
    @Parameter
    private List<Remote> remotes = new ArrayList<>();

    /** Leave the local PostgreSQL server running after the goal (faster next goal; stop it with abort or by hand). */
    @Parameter(property = "postkit.keepRunning", defaultValue = "false")
    private boolean keepRunning;

    /** Where the local servers keep their data (default {@code .postkit/local}). */
    @Parameter(property = "postkit.local.dataDir")
    private File localDataDir;

    /**
     * Online mode: plans build indexes CONCURRENTLY, add foreign keys and checks NOT VALID and validate them apart,
     * and set NOT NULL through a validated check, so writes go on; such steps become transaction:false migrations.
     */
    @Parameter(property = "postkit.online", defaultValue = "false")
    private boolean online;

    /** Plans set the owners the schema files give (ALTER … OWNER TO); objects they give no owner keep theirs. */
    @Parameter(property = "postkit.manageOwners", defaultValue = "false")
    private boolean manageOwners;

    /** Parallel connections used to copy table data and build indexes. */
    @Parameter(property = "postkit.cloneWorkers", defaultValue = "2")
    private int cloneWorkers;

    /**
     * How much data clones copy (start, and the deploy's dry run), for databases too large to copy whole:
     * {@code <schemaOnly>}, {@code <excludeData>} (table patterns), {@code <sample>} (10% or 1000 rows per table).
     */
    @Parameter
    private CloneConfig clone;

    /** No rows at all: overrides {@code <clone><schemaOnly>}. */
    @Parameter(property = "postkit.clone.schemaOnly")
    private Boolean cloneSchemaOnly;

    /** Comma-separated table patterns whose rows are not copied: overrides {@code <clone><excludeData>}. */
    @Parameter(property = "postkit.clone.excludeData")
    private String cloneExcludeData;

    /** A percentage ({@code 10%}) or a row count per table: overrides {@code <clone><sample>}. */
    @Parameter(property = "postkit.clone.sample")
    private String cloneSample;

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

    private Workspace workspace() {
        Path base = project.getBasedir().toPath();
        ProjectSettings settings = new ProjectSettings(base, schemaDir.toPath(), schemas,
                remotes.stream().map(Remote::toConfig).toList(),
                localDataDir == null ? null : localDataDir.toPath(), keepRunning, cloneWorkers, online,
                manageOwners, cloneOptions());
        Host host = new Host(binaries(), this::credentials, new ConsoleConfirmation(interactive()), log(), machine());
        return new Workspace(settings, host);
    }

    /** The {@code <clone>} configuration, each part overridden by its user property when that is given. */
    private CloneOptions cloneOptions() {
        CloneConfig configured = clone == null ? new CloneConfig() : clone;
        return CloneOptions.of(cloneSchemaOnly != null ? cloneSchemaOnly : configured.schemaOnly(),
                cloneExcludeData != null ? CloneOptions.patterns(cloneExcludeData) : configured.excludeData(),
                cloneSample != null ? cloneSample : configured.sample());
    }

    private Credentials credentials(String serverId) {
        Server server = settingsServer(serverId, "A remote");
        return new Credentials(server.getUsername(), server.getPassword());
    }

}
