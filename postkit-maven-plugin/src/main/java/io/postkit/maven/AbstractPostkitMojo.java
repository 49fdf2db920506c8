package io.postkit.maven;

import io.postkit.core.api.Machine;
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
 * Maven Resolver, and passwords from {@code settings.xml}. Parameters a goal may not use live in the subclasses
 * (AbstractServerMojo, AbstractProjectMojo and below), so each goal declares only its own.
 */
abstract class AbstractPostkitMojo extends AbstractMojo {

    /** Skip this goal. */
    @Parameter(property = "postkit.skip", defaultValue = "false")
    private boolean skip;

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
            throw userError(e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("postkit failed unexpectedly: " + e + ". Please report this with the"
                    + " output of mvn -e.", e);
        }
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /**
     * Postkit's message alone: Maven appends the message of each cause its text does not contain (PostgreSQL's raw
     * "ERROR: … Position: 78" after the advice), so the failure is kept as suppressed, which {@code mvn -e} prints.
     */
    private static MojoFailureException userError(PostkitException e) {
        MojoFailureException failure = new MojoFailureException(e.getMessage());
        failure.addSuppressed(e);
        return failure;
    }

    protected PostkitLog log() {
        return new MavenLog(getLog());
    }

    /** PostgreSQL binaries through Maven Resolver: the pinned version of each major, or {@code binariesVersion}. */
    protected PostgresBinaries resolvedBinaries(String binariesVersion) {
        return new ResolverPostgresBinaries(repositorySystem, session.getRepositorySession(),
                project.getRemotePluginRepositories(), binariesVersion);
    }

    /** This machine, with the OS user that runs PostgreSQL when the build runs as root. */
    protected static Machine machine(String osUser) {
        return Machine.current(osUser);
    }

    /** The one JSON document of {@code -Dpostkit.format=json}: nothing else of postkit's goes to standard output. */
    protected static void printJson(String json) {
        System.out.println(json);
        System.out.flush();
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
