package io.postkit.maven;

import io.postkit.core.api.OutputFormat;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that compares the schema files with a database as a plan does: plan, and check. */
abstract class AbstractPlanningMojo extends AbstractLocalServerMojo {

    /** Make plans set the owners the schema files give (ALTER ... OWNER TO); objects given no owner keep theirs. */
    @Parameter(property = "postkit.manageOwners", defaultValue = "false")
    private boolean manageOwners;

    /** text (the default), or json: the result as one JSON document on standard output, for CI scripts. */
    @Parameter(property = "postkit.format", defaultValue = "text")
    private String format;

    protected AbstractPlanningMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected boolean manageOwners() {
        return manageOwners;
    }

    /** Read before the goal runs, so a wrong value fails before any work. */
    protected OutputFormat outputFormat() {
        return OutputFormat.of(format);
    }
}
