package io.postkit.core.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A server to start for the user ({@code postkit:server-start}).
 *
 * @param dataRoot    the folder holding one data directory per major ({@code pg<major>})
 * @param port        the TCP port on localhost
 * @param superuser   the superuser initdb creates
 * @param password    the superuser's password, or null: loopback connections are trusted
 * @param database    a database to create when missing, or null
 * @param initScripts SQL files run in {@code database} right after it is created
 */
public record ServerRequest(int major, Path dataRoot, int port, String superuser, String password, String database,
                            List<Path> initScripts) {

    public ServerRequest {
        initScripts = List.copyOf(initScripts);
    }

    public Path dataDir() {
        return dataRoot.resolve("pg" + major);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ServerRequest[major=" + major + ", dataRoot=" + dataRoot + ", port=" + port + ", superuser="
                + superuser + ", password=" + (password == null ? "none" : "***") + ", database=" + database + "]";
    }
}
