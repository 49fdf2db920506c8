package io.postkit.maven;

import io.postkit.core.api.RemoteConfig;

/** {@code <remote>} in the plugin configuration. */
public class Remote {

    private String name;
    private String url;
    private String serverId;
    private boolean isDefault;
    private boolean confirm = true;

    public void setName(String name) {
        this.name = name;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setServerId(String serverId) {
        this.serverId = serverId;
    }

    /** {@code <default>}: a Java keyword, hence the setter. */
    public void setDefault(boolean isDefault) {
        this.isDefault = isDefault;
    }

    public void setConfirm(boolean confirm) {
        this.confirm = confirm;
    }

    RemoteConfig toConfig() {
        if (name == null || url == null) {
            throw new io.postkit.core.api.PostkitException("Every <remote> needs a <name> and a <url>"
                    + (name == null ? "" : " (remote '" + name + "' has no <url>)") + ".");
        }
        return new RemoteConfig(name, url, serverId, isDefault, confirm);
    }
}
