package io.postkit.maven;

/** {@code <local>} in the plugin configuration: where the project's local PostgreSQL runs. */
public class Local {

    private String provider;

    /** {@code embedded} (the default) or {@code docker}. */
    public void setProvider(String provider) {
        this.provider = provider;
    }

    String provider() {
        return provider;
    }
}
