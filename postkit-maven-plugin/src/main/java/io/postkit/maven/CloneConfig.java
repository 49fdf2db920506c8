package io.postkit.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code <clone>} in the plugin configuration: how much data clones copy (start, and the deploy's dry run). Each
 * field is also a user property ({@code postkit.clone.schemaOnly}, {@code postkit.clone.excludeData},
 * {@code postkit.clone.sample}), which wins over the configuration.
 */
public class CloneConfig {

    private boolean schemaOnly;
    private List<String> excludeData = new ArrayList<>();
    private String sample;

    public void setSchemaOnly(boolean schemaOnly) {
        this.schemaOnly = schemaOnly;
    }

    /** {@code <excludeData><pattern>audit.*</pattern><pattern>*_log</pattern></excludeData>}. */
    public void setExcludeData(List<String> excludeData) {
        this.excludeData = excludeData == null ? new ArrayList<>() : excludeData;
    }

    /** {@code 10%} or {@code 1000} (rows per table). */
    public void setSample(String sample) {
        this.sample = sample;
    }

    boolean schemaOnly() {
        return schemaOnly;
    }

    List<String> excludeData() {
        return excludeData;
    }

    String sample() {
        return sample;
    }
}
