package io.postkit.core.workflow;

import io.postkit.core.config.Credentials;

/** Credentials kept by the build tool by id (Maven: settings.xml {@code <server>}, decrypted). */
@FunctionalInterface
public interface ServerCredentials {

    /** The credentials of {@code serverId}; throws a {@link io.postkit.core.PostkitException} when it is missing. */
    Credentials lookup(String serverId);

    ServerCredentials NONE = id -> {
        throw new io.postkit.core.PostkitException("No credential store is available to look up server id '" + id
                + "'.");
    };
}
