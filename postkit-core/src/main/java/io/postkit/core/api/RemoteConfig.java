package io.postkit.core.api;

import java.util.Objects;

/**
 * A remote as the user configured it. Holds no credentials: those are looked up when connecting.
 *
 * @param serverId the settings.xml {@code <server>} with the credentials, or null
 * @param confirm  whether a deploy to it must be confirmed (interactively, or with {@code -Dpostkit.yes})
 */
public record RemoteConfig(String name, String url, String serverId, boolean isDefault, boolean confirm) {

    public RemoteConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }
}
