package io.postkit.core.internal.deploy;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A session-level advisory lock on the target that serialises deploys. It dies with its connection, so a crashed
 * deploy never leaves a stuck lock. Taken by polling {@code pg_try_advisory_lock}, never by blocking: a session
 * blocked in {@code pg_advisory_lock} deadlocks with {@code CREATE INDEX CONCURRENTLY}.
 */
public final class DeployLock implements AutoCloseable {

    /** "postkit" in ASCII: one key for every postkit deploy to a database. */
    static final long KEY = 0x706F73746B6974L;
    private static final long POLL_MILLIS = 250;

    private final Connection connection;

    private DeployLock(Connection connection) {
        this.connection = connection;
    }

    /** Waiting for another deploy says so once, with how long and for whom, so nobody stares at a silent build. */
    public static DeployLock acquire(Connection connection, String remote, Duration wait, PostkitLog log)
            throws SQLException {
        watchClient(connection);
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        boolean waiting = false;
        while (true) {
            if (tryLock(connection)) {
                if (waiting) {
                    log.info(String.format(java.util.Locale.ROOT, "Got the deploy lock on remote '%s' after %.1f s.",
                            remote, (System.nanoTime() - started) / 1e9));
                }
                return new DeployLock(connection);
            }
            if (!waiting && wait.toMillis() > 0) {
                waiting = true;
                log.info("Waiting up to " + wait.toSeconds() + " s (deployLockWait) for another deploy to remote '"
                        + remote + "' to finish" + holder(connection) + ".");
            }
            if (System.nanoTime() >= deadline) {
                throw new PostkitException("Another deploy to remote '" + remote + "' is in progress" + holder(connection)
                        + ". Nothing was changed; wait for it to finish and run postkit:deploy again.");
            }
            sleep();
        }
    }

    /**
     * A deploy killed mid-statement (kill -9) leaves its backend running, holding this lock and the migration's
     * locks, until it next talks to the client. From PostgreSQL 14 on the backend can check every second instead,
     * so the migration is rolled back and the lock freed at once.
     */
    private static void watchClient(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT set_config('client_connection_check_interval', '1000', false)"
                    + " WHERE current_setting('server_version_num')::int >= 140000");
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String holder(Connection c) throws SQLException {
        String sql = "SELECT a.pid, a.application_name, a.client_addr::text, a.backend_start"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint) = " + KEY + " LIMIT 1";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return "";
            }
            return " (server process " + rs.getInt(1) + ", application '" + rs.getString(2) + "', client "
                    + (rs.getString(3) == null ? "local" : rs.getString(3)) + ", connected " + rs.getTimestamp(4)
                    + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostkitException("Interrupted while waiting for the deploy lock.", e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        }
    }
}
