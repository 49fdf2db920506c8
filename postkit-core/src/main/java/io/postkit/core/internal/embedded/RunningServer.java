package io.postkit.core.internal.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A started embedded server. A {@link ServerLease leased} handle leaves the server when closed (the last user stops
 * it); otherwise closing stops the server only if this handle started it.
 */
public final class RunningServer implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final int port;
    private final boolean startedHere;
    private final String superuser;
    private boolean keepRunning;
    private ServerLease lease;

    RunningServer(EmbeddedPostgres server, int port, boolean startedHere, String superuser) {
        this.server = server;
        this.port = port;
        this.startedHere = startedHere;
        this.superuser = superuser;
    }

    public int port() {
        return port;
    }

    public boolean startedHere() {
        return startedHere;
    }

    /** This handle is one process's use of a shared server: closing it leaves, and the last to leave stops it. */
    RunningServer leasedBy(ServerLease serverLease) {
        this.lease = serverLease;
        return this;
    }

    /** Leave the server running when this handle is closed. */
    public RunningServer keepRunning(boolean keep) {
        this.keepRunning = keep;
        return this;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** A connection as the superuser, trusted on loopback (servers made with a password need {@link #connect(String, String)}). */
    public Connection connect(String database) throws SQLException {
        return connect(database, null);
    }

    public Connection connect(String database, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", superuser);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "postkit");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Stops the server whoever started it. */
    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.release(keepRunning);
        } else if (startedHere && !keepRunning) {
            server.stop();
        }
    }
}
