package io.postkit.maven;

import io.postkit.core.MigrationCommand;
import io.postkit.core.api.Workspace;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.time.Clock;

/**
 * Writes an empty hand-written migration into the session (.postkit/db/session), with -- migrate:up and
 * -- migrate:down sections, for data changes and renames; apply runs it in version order with the plan's.
 */
@Mojo(name = "migration", threadSafe = true)
public class MigrationMojo extends AbstractProjectMojo {

    /** The migration's name: 1 to 60 lower-case letters, digits and underscores, e.g. backfill_prices. */
    @Parameter(property = "postkit.name")
    private String name;

    @Inject
    public MigrationMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run(Workspace workspace, Clock clock) {
        new MigrationCommand(workspace, clock).run(name);
    }
}
