package io.postkit.core.api;

/** Credentials kept by the build tool by id (Maven: settings.xml {@code <server>}, decrypted). */
@FunctionalInterface
public interface ServerCredentials {

    /** The credentials of {@code serverId}; throws a {@link PostkitException} when it is missing. */
    Credentials lookup(String serverId);

    ServerCredentials NONE = id -> {
        throw new PostkitException("No credential store is available to look up server id '" + id
                + "'.");
    };
}
