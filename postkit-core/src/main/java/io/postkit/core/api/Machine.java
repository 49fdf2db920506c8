package io.postkit.core.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The facts of the machine a goal runs on, read once: the environment, the home folder, who the process runs as,
 * and which unprivileged OS user runs PostgreSQL when that is root. Nothing in core reads system properties or the
 * environment itself, so tests can describe any machine.
 *
 * @param environment the process environment ({@code PGUSER}, {@code PGPASSWORD}, {@code PGPASSFILE}, ...)
 * @param homeDir     the user's home ({@code ~/.pgpass}, caches)
 * @param userName    the OS user the build runs as (libpq's default database user)
 * @param root        whether the build runs as root: initdb and postgres refuse to, so they run as {@code osUser}
 * @param osUser      the unprivileged OS user that runs PostgreSQL when {@code root}
 */
public record Machine(Map<String, String> environment, Path homeDir, String userName, boolean root, String osUser) {

    public static final String DEFAULT_OS_USER = "nobody";

    public Machine {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(homeDir, "homeDir");
        osUser = osUser == null || osUser.isBlank() ? DEFAULT_OS_USER : osUser;
    }

    /** This process's machine. */
    public static Machine current(String osUser) {
        return new Machine(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("user.name"), runsAsRoot(), osUser);
    }

    /** The same machine with another environment (tests). */
    public Machine withEnvironment(Map<String, String> environment) {
        return new Machine(environment, homeDir, userName, root, osUser);
    }

    private static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
