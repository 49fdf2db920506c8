package io.postkit.core.internal.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an embedded server is configured at initdb time.
 *
 * @param port              the TCP port, or 0 for a free one chosen at each start
 * @param superuser         the superuser initdb creates
 * @param superuserPassword null: loopback connections are trusted (a throwaway local clone); else the superuser
 *                          {@code postgres} gets this password and loopback connections need it (a server that
 *                          stands in for a remote)
 * @param tunedForLoading   trade durability for speed: right for a throwaway clone, wrong for a server whose data
 *                          the user keeps
 */
public record ServerSettings(int port, String superuser, String superuserPassword, boolean tunedForLoading) {

    public static final String DEFAULT_SUPERUSER = "postgres";
    private static final String MAX_CONNECTIONS = "60";

    public static ServerSettings throwawayClone() {
        return new ServerSettings(0, DEFAULT_SUPERUSER, null, true);
    }

    @Override
    public String toString() {
        return "ServerSettings[port=" + port + ", superuser=" + superuser + ", password="
                + (superuserPassword == null ? "none" : "***") + ", tunedForLoading=" + tunedForLoading + "]";
    }

    /**
     * Settings given at every start rather than written at initdb, so servers created by an older postkit get them
     * too. Every relation a transaction creates or drops holds a lock until commit: a clone builds a whole schema in
     * one transaction, and a plan may create or drop a thousand tables (GitLab's schema: 4,500 relations).
     */
    String startOptions(int port, int major) {
        StringBuilder options = new StringBuilder("-p " + port);
        startSettings(major).forEach((name, value) -> options.append(" -c ").append(name).append('=').append(value));
        return options.toString();
    }

    private Map<String, String> startSettings(int major) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_locks_per_transaction", "1024");
        // A goal killed mid-statement leaves its backend running until it next talks to the client; from 14 on the
        // server checks the client every second instead, so a killed goal's transaction ends and frees its locks.
        if (major >= 14) {
            settings.put("client_connection_check_interval", "1000");
        }
        if (tunedForLoading) {
            settings.put("maintenance_work_mem", maintenanceWorkMemMegabytes(totalMemoryBytes()) + "MB");
        }
        return settings;
    }

    /**
     * These settings as {@code postgres} command-line arguments, for a server postkit does not create with initdb
     * (the docker provider's container): the same tuning as an embedded server's, from one place.
     */
    public List<String> commandLine(int major) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_connections", MAX_CONNECTIONS);
        settings.putAll(loadingSettings());
        settings.putAll(startSettings(major));
        List<String> arguments = new ArrayList<>();
        settings.forEach((name, value) -> arguments.addAll(List.of("-c", name + "=" + value)));
        return arguments;
    }

    /**
     * Memory for index builds after a clone's load: enough that the key of a table of millions of rows sorts in
     * memory (on pgbench's 5 million rows, 256 MB spilled to disk and took 1.7 times the CPU of 1 GB), a sixteenth
     * of the machine's memory, between 256 MB and 1 GB. It is taken only while an index is built.
     */
    static long maintenanceWorkMemMegabytes(long totalMemoryBytes) {
        long sixteenth = totalMemoryBytes / 16 / (1024 * 1024);
        return Math.max(256, Math.min(1024, sixteenth));
    }

    private static long totalMemoryBytes() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
    }

    Map<String, String> configuration() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("listen_addresses", "'localhost'");
        // No Unix socket: its path length limit breaks deep project folders, and JDBC connects over TCP anyway.
        conf.put("unix_socket_directories", "''");
        // Containers have a tiny /dev/shm.
        conf.put("dynamic_shared_memory_type", "mmap");
        conf.put("lc_messages", "'C'");
        conf.put("max_connections", MAX_CONNECTIONS);
        loadingSettings().forEach((name, value) -> conf.put(name, "'" + value + "'"));
        return conf;
    }

    /** Durability traded for speed, for a throwaway clone's server only. */
    private Map<String, String> loadingSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (tunedForLoading) {
            settings.put("fsync", "off");
            settings.put("synchronous_commit", "off");
            settings.put("full_page_writes", "off");
            settings.put("wal_level", "minimal");
            settings.put("max_wal_senders", "0");
            // Small enough that checkpoints recycle WAL: CREATE DATABASE is WAL-logged (15+) and shadows are many.
            settings.put("max_wal_size", "512MB");
            settings.put("checkpoint_timeout", "30min");
            settings.put("autovacuum", "off");
        }
        return settings;
    }
}
