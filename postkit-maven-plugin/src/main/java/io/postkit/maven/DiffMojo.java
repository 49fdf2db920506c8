package io.postkit.maven;

import io.postkit.core.api.PostkitException;
import io.postkit.core.DiffCommand;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the SQL that turns one schema into another. Each side is a JDBC URL (credentials from PGUSER/PGPASSWORD
 * or ~/.pgpass) or a .sql file or folder. Needs no project: mvn -q postkit:diff -Dpostkit.from=…
 * -Dpostkit.to=… > change.sql.
 */
@Mojo(name = "diff", requiresProject = false, threadSafe = true)
public class DiffMojo extends AbstractServerMojo {

    /** The current state: a JDBC URL, or a .sql file or folder. */
    @Parameter(property = "postkit.from")
    private String from;

    /** The desired state: a JDBC URL, or a .sql file or folder. */
    @Parameter(property = "postkit.to")
    private String to;

    /** Write the SQL to this file instead of standard output. */
    @Parameter(property = "postkit.output")
    private File output;

    /** PostgreSQL major of the embedded server that builds file sources; default the JDBC side's, else the newest. */
    @Parameter(property = "postkit.pgVersion")
    private Integer pgVersion;

    /** Schemas to compare (comma-separated); default every non-system schema on either side. */
    @Parameter(property = "postkit.schemas")
    private List<String> schemas = new ArrayList<>();

    @Inject
    public DiffMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected void run() {
        String sql = new DiffCommand(host())
                .run(new DiffCommand.Request(from, to, pgVersion, schemas));
        if (output == null) {
            System.out.print(sql.isEmpty() ? "-- no differences\n" : sql);
            return;
        }
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            Files.writeString(output.toPath(), sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PostkitException("Cannot write " + output + ": " + e.getMessage(), e);
        }
        getLog().info(sql.isEmpty() ? "No differences." : "Wrote " + output);
    }
}
