package io.postkit.core;

import io.postkit.core.api.Host;
import io.postkit.core.internal.embedded.ServerUser;
import io.postkit.core.internal.server.LocalPostgresServer;

import java.nio.file.Path;

/** {@code postkit:server-stop}: stops the servers {@code server-start} started under a data folder. */
public final class ServerStopCommand {

    private final Host host;

    public ServerStopCommand(Host host) {
        this.host = host;
    }

    /** @param dataRoot the folder holding one data directory per major */
    public void run(Path dataRoot) {
        new LocalPostgresServer(host.binaries(), ServerUser.of(host.machine()), host.log()).stop(dataRoot);
    }
}
