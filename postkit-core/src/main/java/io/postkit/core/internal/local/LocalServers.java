package io.postkit.core.internal.local;

import io.postkit.core.api.LocalProvider;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.docker.DockerServers;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.api.PostgresBinaries;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerLease;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.embedded.ServerUser;

import io.postkit.core.api.PostkitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's local servers: one embedded PostgreSQL per major under {@code .postkit/local/pg<major>}, so a
 * session's clone survives {@code mvn clean} and a deploy to a target of another major gets its own server; or,
 * with the docker provider, one container per major.
 */
public final class LocalServers {

    private final Path localDir;
    private final PostgresBinaries binaries;
    private final ServerUser user;
    private final boolean keepRunning;
    private final PostkitLog log;
    private final LocalProvider provider;
    private final String project;

    public LocalServers(Path localDir, PostgresBinaries binaries, ServerUser user, boolean keepRunning,
                        PostkitLog log) {
        this(localDir, binaries, user, keepRunning, log, LocalProvider.EMBEDDED, "");
    }

    /** @param project a key of the project: it names the containers of the docker provider */
    public LocalServers(Path localDir, PostgresBinaries binaries, ServerUser user, boolean keepRunning,
                        PostkitLog log, LocalProvider provider, String project) {
        this.localDir = localDir;
        this.binaries = binaries;
        this.user = user;
        this.keepRunning = keepRunning;
        this.log = log;
        this.provider = provider;
        this.project = project;
    }

    /** The majors whose data directory exists, in order. */
    public List<Integer> majors() {
        if (!Files.isDirectory(localDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(localDir)) {
            return dirs.filter(d -> Files.exists(d.resolve("PG_VERSION")))
                    .map(d -> d.getFileName().toString()).filter(n -> n.matches("pg\\d+"))
                    .map(n -> Integer.valueOf(n.substring(2))).sorted().toList();
        } catch (IOException e) {
            throw new PostkitException("Cannot list " + localDir + ": " + e.getMessage(), e);
        }
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
        if (provider == LocalProvider.DOCKER) {
            return new DockerServers(project, keepRunning, log).start(major);
        }
        return ServerLease.acquire(server(major), log).keepRunning(keepRunning);
    }

    /** The server of this major, to look at; closing the handle leaves it as it was found. */
    public RunningServer inspect(int major) {
        return ServerLease.inspect(server(major));
    }
}
