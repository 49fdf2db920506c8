package io.postkit.maven;

import io.postkit.core.api.CloneOptions;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that clones a remote into the local server: start, and deploy's dry run. */
abstract class AbstractCloneMojo extends AbstractLocalServerMojo {

    /** Parallel connections that copy table data from the remote. */
    @Parameter(property = "postkit.cloneWorkers", defaultValue = "2")
    private int cloneWorkers;

    /**
     * How much data clones copy (start, and the deploy's dry run), for databases too large to copy whole: a clone
     * element with schemaOnly (true: no rows), excludeData (table patterns whose rows are not copied, e.g. audit.*)
     * and sample (a percentage such as 10% or a row count per table; foreign keys stay satisfied).
     */
    @Parameter
    private CloneConfig clone;

    /** No rows at all: overrides the clone element's schemaOnly for one run. */
    @Parameter(property = "postkit.clone.schemaOnly")
    private Boolean cloneSchemaOnly;

    /** Comma-separated table patterns whose rows are not copied: overrides the clone element's excludeData. */
    @Parameter(property = "postkit.clone.excludeData")
    private String cloneExcludeData;

    /** A percentage (10%) or a row count per table: overrides the clone element's sample. */
    @Parameter(property = "postkit.clone.sample")
    private String cloneSample;

    protected AbstractCloneMojo(RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
        super(repositorySystem, settingsDecrypter);
    }

    @Override
    protected int cloneWorkers() {
        return cloneWorkers;
    }

    @Override
    protected CloneOptions cloneOptions() {
        CloneConfig configured = clone == null ? new CloneConfig() : clone;
        return CloneOptions.of(cloneSchemaOnly != null ? cloneSchemaOnly : configured.schemaOnly(),
                cloneExcludeData != null ? CloneOptions.patterns(cloneExcludeData) : configured.excludeData(),
                cloneSample != null ? cloneSample : configured.sample());
    }
}
