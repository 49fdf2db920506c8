package io.postkit.core.internal.local;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.api.PostgresBinaries;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerLease;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.embedded.ServerUser;

import java.nio.file.Path;

/**
 * The project's local servers: one embedded PostgreSQL per major under {@code .postkit/local/pg<major>}, so a
 * session's clone survives {@code mvn clean} and a deploy to a target of another major gets its own server.
 */
public final class LocalServers {

    private final Path localDir;
    private final PostgresBinaries binaries;
    private final ServerUser user;
    private final boolean keepRunning;
    private final PostkitLog log;

    public LocalServers(Path localDir, PostgresBinaries binaries, ServerUser user, boolean keepRunning,
                        PostkitLog log) {
        this.localDir = localDir;
        this.binaries = binaries;
        this.user = user;
        this.keepRunning = keepRunning;
        this.log = log;
    }

    public EmbeddedPostgres server(int major) {
        return EmbeddedPostgres.of(binaries, major, localDir.resolve("pg" + major), user,
                ServerSettings.throwawayClone(), log);
    }

    /**
     * Starts (or joins) the server of this major for this goal; closing the handle leaves it, and the last process to
     * leave stops it unless the goal keeps it running.
     */
    public RunningServer start(int major) {
        return ServerLease.acquire(server(major), log).keepRunning(keepRunning);
    }
}
