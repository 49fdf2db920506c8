package io.postkit.core.internal.embedded;

import io.postkit.core.api.PostgresBinaries;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL server run from extracted binaries on a data directory of its own. {@link #start()} initialises
 * the directory on first use, and reuses a server that is already running on it (a build killed while the
 * server ran, or {@code keepRunning}) instead of starting a second one.
 */
public final class EmbeddedPostgres {

    private static final String LOG_FILE = "postkit-server.log";
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROCESS_EXIT_WAIT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 3;

    private final Path installDir;
    private final Path dataDir;
    private final ServerUser user;
    private final ServerSettings settings;
    private final PostkitLog log;

    public EmbeddedPostgres(Path installDir, Path dataDir, ServerUser user, ServerSettings settings, PostkitLog log) {
        this.installDir = installDir;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.user = user;
        this.settings = settings;
        this.log = log;
    }

    /** The server of this major on {@code dataDir}, its binaries fetched and extracted (once) first. */
    public static EmbeddedPostgres of(PostgresBinaries binaries, int major, Path dataDir, ServerUser user,
                                      ServerSettings settings, PostkitLog log) {
        Path install = new BinaryCache(user.binaryCacheRoot(), log).install(binaries.archiveFor(major));
        return new EmbeddedPostgres(install, dataDir, user, settings, log);
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isInitialized() {
        return Files.exists(dataDir.resolve("PG_VERSION"));
    }

    /** The port of the server running on {@code dataDir}, if one is running. */
    public static java.util.OptionalInt runningPort(Path dataDir) {
        return PostmasterPid.read(dataDir).filter(PostmasterPid::isAlive)
                .map(pid -> java.util.OptionalInt.of(pid.port())).orElse(java.util.OptionalInt.empty());
    }

    /** The running server on this data directory, if there is one. */
    public Optional<RunningServer> running() {
        return PostmasterPid.read(dataDir)
                .filter(PostmasterPid::isAlive)
                .map(pid -> new RunningServer(this, pid.port(), false, settings.superuser()));
    }

    /** Starts the server (initialising the data directory first if needed), or joins the one already running. */
    public RunningServer start() {
        Optional<RunningServer> running = running();
        if (running.isPresent()) {
            log.debug("Reusing the PostgreSQL server already running on " + dataDir);
            return running.get();
        }
        if (!isInitialized()) {
            initialize();
        }
        long started = System.nanoTime();
        int port;
        CommandRunner.Result result;
        int attempt = 0;
        do {
            port = settings.port() != 0 ? settings.port() : freePort();
            List<String> command = List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l",
                    dataDir.resolve(LOG_FILE).toString(), "-w", "-t", Long.toString(PG_CTL_TIMEOUT.toSeconds()),
                    "-o", settings.startOptions(port, major()), "start");
            result = CommandRunner.run(user.command(command), PG_CTL_TIMEOUT.plusSeconds(10));
            // A free port is free only until someone takes it: another process may bind it before the server does.
        } while (result.exitCode() != 0 && settings.port() == 0 && ++attempt < PORT_ATTEMPTS && portTaken());
        if (result.exitCode() != 0) {
            throw new PostkitException("Could not start the local PostgreSQL server on " + dataDir + " (port " + port
                    + "): " + result.output() + logTail() + "\nIf the directory is damaged, delete it; postkit"
                    + " creates it again.");
        }
        log.debug(String.format("Started PostgreSQL on port %d in %.2f s", port, (System.nanoTime() - started) / 1e9));
        return new RunningServer(this, port, true, settings.superuser());
    }

    /** The major of the data directory (initdb writes it to PG_VERSION). */
    private int major() {
        try {
            return Integer.parseInt(Files.readString(dataDir.resolve("PG_VERSION")).strip());
        } catch (IOException | NumberFormatException e) {
            throw new PostkitException("Cannot read the PostgreSQL version of " + dataDir + ": " + e.getMessage()
                    + ". If the directory is damaged, delete it; postkit creates it again.", e);
        }
    }

    void stop() {
        Optional<PostmasterPid> running = PostmasterPid.read(dataDir);
        List<String> command = List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t",
                Long.toString(PG_CTL_TIMEOUT.toSeconds()), "stop");
        CommandRunner.Result result = CommandRunner.run(user.command(command), PG_CTL_TIMEOUT.plusSeconds(10));
        if (result.exitCode() != 0 && PostmasterPid.read(dataDir).filter(PostmasterPid::isAlive).isPresent()) {
            log.warn("Could not stop the local PostgreSQL server on " + dataDir + ": " + result.output());
            return;
        }
        running.ifPresent(EmbeddedPostgres::awaitExit);
    }

    /**
     * pg_ctl returns once the postmaster removed its pid file, a moment before the process ends; whoever is told
     * "stopped" (a script that starts the server again, a check of the process) must find it ended.
     */
    private static void awaitExit(PostmasterPid pid) {
        long deadline = System.nanoTime() + PROCESS_EXIT_WAIT.toNanos();
        while (!pid.hasEnded() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * initdb runs in a folder beside the data directory that is renamed into place once complete, so a build killed
     * during initdb leaves no half-made data directory that the next start would trip over.
     */
    private void initialize() {
        long started = System.nanoTime();
        Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".initdb");
        try {
            Files.createDirectories(dataDir.getParent());
            if (!user.canTraverse(dataDir)) {
                throw new PostkitException("PostgreSQL runs as " + user.describe() + ", which cannot reach " + dataDir
                        + ". Move the project to a folder every user can enter, or set <local><dataDir>"
                        + " (postkit.local.dataDir) to such a folder.");
            }
            removeEmpty(dataDir);
            BinaryCache.deleteRecursively(staging);
            Files.createDirectories(staging);
            user.takeOwnership(staging);
            List<String> command = new ArrayList<>(List.of(bin("initdb"), "-D", staging.toString(), "-U",
                    settings.superuser(), "-E", "UTF8", "--locale=C", "--no-sync"));
            Path pwFile = null;
            if (settings.superuserPassword() != null) {
                pwFile = passwordFile();
                command.addAll(List.of("--auth-host=scram-sha-256", "--auth-local=trust", "--pwfile=" + pwFile));
            } else {
                command.add("--auth=trust");
            }
            CommandRunner.Result result;
            try {
                result = CommandRunner.run(user.command(command), Duration.ofMinutes(3));
            } finally {
                if (pwFile != null) {
                    BinaryCache.deleteRecursively(pwFile.getParent());
                }
            }
            if (result.exitCode() != 0) {
                BinaryCache.deleteRecursively(staging);
                throw new PostkitException("initdb failed for " + dataDir + ": " + result.output());
            }
            appendConfiguration(staging);
            Files.move(staging, dataDir);
        } catch (IOException e) {
            throw new PostkitException("Could not prepare the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        log.debug(String.format("initdb %s in %.2f s", dataDir, (System.nanoTime() - started) / 1e9));
    }

    /** An empty folder where the data directory goes (made by hand, or by an older postkit) is replaced. */
    private static void removeEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    /** initdb reads the password from a file the server user can read; it lives only for the initdb call. */
    private Path passwordFile() throws IOException {
        Path dir = Files.createTempDirectory(dataDir.getParent(), ".pw");
        Path file = dir.resolve("pw");
        Files.writeString(file, settings.superuserPassword() + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        user.takeOwnership(dir);
        if (user.isSwitched()) {
            Files.setOwner(file, dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(Files.getOwner(dir).getName()));
        }
        return file;
    }

    private void appendConfiguration(Path directory) throws IOException {
        StringBuilder conf = new StringBuilder("\n# postkit\n");
        for (Map.Entry<String, String> e : settings.configuration().entrySet()) {
            conf.append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        Files.writeString(directory.resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(LOG_FILE));
            return "\nServer log (" + dataDir.resolve(LOG_FILE) + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private String bin(String tool) {
        return installDir.resolve("bin").resolve(tool).toString();
    }

    /** Whether the last start failed because its port was taken meanwhile (the server's log says so). */
    private boolean portTaken() {
        String tail = logTail();
        return tail.contains("could not bind") || tail.contains("Address already in use");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PostkitException("No free TCP port on the loopback interface: " + e.getMessage(), e);
        }
    }
}
