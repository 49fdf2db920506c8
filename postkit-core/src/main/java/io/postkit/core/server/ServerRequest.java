package io.postkit.core.server;

import io.postkit.core.embedded.ServerSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * A server to start for the user.
 *
 * @param dataRoot    the folder holding one data directory per major ({@code pg<major>})
 * @param database    a database to create when missing, or null
 * @param initScripts SQL files run in {@code database} right after it is created
 */
public record ServerRequest(int major, Path dataRoot, ServerSettings settings, String database,
                            List<Path> initScripts) {

    public ServerRequest {
        initScripts = List.copyOf(initScripts);
    }

    public Path dataDir() {
        return dataRoot.resolve("pg" + major);
    }
}
