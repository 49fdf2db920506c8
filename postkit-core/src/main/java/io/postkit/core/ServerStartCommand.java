package io.postkit.core;

import io.postkit.core.api.Host;
import io.postkit.core.api.ServerRequest;
import io.postkit.core.internal.embedded.ServerUser;
import io.postkit.core.internal.server.LocalPostgresServer;

/**
 * {@code postkit:server-start}: a PostgreSQL for the user's application (or a stand-in remote) from the embedded
 * binaries, which outlives the build.
 */
public final class ServerStartCommand {

    private final Host host;

    public ServerStartCommand(Host host) {
        this.host = host;
    }

    public void run(ServerRequest request) {
        new LocalPostgresServer(host.binaries(), ServerUser.of(host.machine()), host.log()).start(request);
    }
}
