package io.postkit.maven;

import io.postkit.core.ImportCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Brings an existing database under management: writes its managed schemas into the schema directory (one file per
 * object, folders by kind, numbered in dependency order; infra/ with roles, schemas and extensions; grants/), a
 * baseline migration into the committed history, and records the baseline as applied on that database.
 */
@Mojo(name = "import", threadSafe = true)
public class ImportMojo extends AbstractProjectMojo {

    /** The database to import; the default remote when not set. */
    @Parameter(property = "postkit.remote")
    private String remote;

    /** Replace the contents of a schema directory that is not empty (its seeds/ and seed/ folders are kept). */
    @Parameter(property = "postkit.force", defaultValue = "false")
    private boolean force;

    /** Record the baseline on the remote without asking (needed in batch mode unless the remote has confirm=false). */
    @Parameter(property = "postkit.yes", defaultValue = "false")
    private boolean yes;

    /** Write the owners of the imported objects into the schema files (ALTER ... OWNER TO), as plan's manageOwners. */
    @Parameter(property = "postkit.manageOwners", defaultValue = "false")
    private boolean manageOwners;

    @Inject
    public ImportMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected boolean manageOwners() {
        return manageOwners;
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new ImportCommand(workspace, clock).run(new ImportCommand.Request(remote, force, yes));
    }
}
