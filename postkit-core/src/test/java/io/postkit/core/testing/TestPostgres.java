package io.postkit.core.testing;

import io.postkit.core.api.Machine;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.api.PostgresBinaries;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.embedded.ServerUser;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real PostgreSQL servers for integration tests: one per major, started on first use, stopped when the test JVM
 * exits. Each test asks for a {@link #freshDatabase fresh database}, so tests never see each other's objects.
 *
 * <p>The majors under test come from {@code -Dpostkit.test.majors} (13 and 18 by default; every major 13–18
 * with {@code -Pall-majors}); the binaries from the jars the build copies into {@code target/pg-binaries}.
 */
public final class TestPostgres {

    private static final Map<Integer, RunningServer> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    /** The majors this build tests, e.g. [13, 18]. Use with {@code @ParameterizedTest @MethodSource}. */
    public static List<Integer> majors() {
        String majors = System.getProperty("postkit.test.majors", "13,18");
        if (majors.isBlank() || majors.startsWith("${")) {
            majors = "13,18";
        }
        return Arrays.stream(majors.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    public static PostgresBinaries binaries() {
        String dir = System.getProperty("postkit.test.binaries");
        if (dir == null) {
            fail("System property postkit.test.binaries is not set: run the tests through Maven, which copies the"
                    + " PostgreSQL binaries into target/pg-binaries.");
        }
        return new DirectoryBinaries(Path.of(dir));
    }

    /** This machine, as the tests run on it (as root in CI: servers then run as nobody). */
    public static Machine machine() {
        return Machine.current(Machine.DEFAULT_OS_USER);
    }

    public static ServerUser serverUser() {
        return ServerUser.of(machine());
    }

    /**
     * Where tests put data directories and project folders: under the module's {@code target/}, one folder per test
     * JVM ({@code -Dpostkit.test.workDir}: failsafe runs two, and each deletes its folder when it ends).
     */
    public static Path workDir() {
        String own = System.getProperty("postkit.test.workDir");
        if (own != null && !own.isBlank() && !own.startsWith("${")) {
            return Path.of(own).toAbsolutePath();
        }
        return Path.of(System.getProperty("postkit.test.binaries", "target/pg-binaries")).getParent()
                .resolve("test-work").toAbsolutePath();
    }

    /** The shared server of this major. */
    public static synchronized RunningServer server(int major) {
        return SERVERS.computeIfAbsent(major, TestPostgres::startServer);
    }

    /** A new, empty database on the shared server of this major. */
    public static TestDatabase freshDatabase(int major) throws SQLException {
        RunningServer server = server(major);
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase(server, major, name);
    }

    /** A server of its own, for tests that need a separate cluster (e.g. a "remote"). The caller stops it. */
    public static EmbeddedPostgres newServer(int major, String name, ServerSettings settings) {
        return EmbeddedPostgres.of(binaries(), major, workDir().resolve(name), serverUser(), settings,
                PostkitLog.SILENT);
    }

    private static RunningServer startServer(int major) {
        EmbeddedPostgres postgres = newServer(major, "pg" + major + "-" + ProcessHandle.current().pid(),
                ServerSettings.throwawayClone());
        RunningServer server = postgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        CLEANUP.get();
        return server;
    }

    /**
     * Registered once: at exit, after the servers stop, the work folder goes (servers, projects and their local
     * servers), or test runs would fill the disk. Set -Dpostkit.test.keepWork=true to look at it after a failure.
     */
    private static final java.util.function.Supplier<Boolean> CLEANUP = new java.util.function.Supplier<>() {
        private boolean registered;

        @Override
        public synchronized Boolean get() {
            if (!registered && !Boolean.getBoolean("postkit.test.keepWork")) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::deleteWorkDir));
                registered = true;
            }
            return registered;
        }
    };

    private static void deleteWorkDir() {
        SERVERS.values().forEach(RunningServer::stop);
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(workDir())) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("Could not delete " + workDir() + ": " + e.getMessage());
        }
    }
}
