package io.postkit.core.internal.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A started local server: embedded, or a container. A {@link ServerLease leased} handle leaves the server when closed
 * (the last user stops it); otherwise closing stops the server only if this handle started it.
 */
public final class RunningServer implements AutoCloseable {

    private final Runnable stopper;
    private final int port;
    private final boolean startedHere;
    private final String superuser;
    private boolean keepRunning;
    private ServerLease lease;

    RunningServer(EmbeddedPostgres server, int port, boolean startedHere, String superuser) {
        this(server::stop, port, startedHere, superuser);
    }

    private RunningServer(Runnable stopper, int port, boolean startedHere, String superuser) {
        this.stopper = stopper;
        this.port = port;
        this.startedHere = startedHere;
        this.superuser = superuser;
    }

    /**
     * A server postkit does not run itself but reaches on a loopback port, trusted (a container); {@code stopper}
     * stops it.
     */
    public static RunningServer onPort(int port, String superuser, boolean startedHere, Runnable stopper) {
        return new RunningServer(stopper, port, startedHere, superuser);
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

    /** A connection as {@code user} (a role that is not the superuser; loopback is trusted on local servers). */
    public Connection connectAs(String database, String user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("ApplicationName", "postkit");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Stops the server whoever started it. */
    public void stop() {
        stopper.run();
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.release(keepRunning);
        } else if (startedHere && !keepRunning) {
            stopper.run();
        }
    }
}
