package io.postkit.core.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A started embedded server. Closing it stops the server only if this handle started it: a server that was already
 * running (kept running by the user, or shared with another goal) is left as it was.
 */
public final class RunningServer implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final int port;
    private final boolean startedHere;
    private boolean keepRunning;

    RunningServer(EmbeddedPostgres server, int port, boolean startedHere) {
        this.server = server;
        this.port = port;
        this.startedHere = startedHere;
    }

    public int port() {
        return port;
    }

    public boolean startedHere() {
        return startedHere;
    }

    /** Leave the server running when this handle is closed. */
    public RunningServer keepRunning(boolean keep) {
        this.keepRunning = keep;
        return this;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** A connection as the superuser (trust authentication on loopback). */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedPostgres.SUPERUSER);
        props.setProperty("ApplicationName", "postkit");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** Stops the server whoever started it. */
    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        if (startedHere && !keepRunning) {
            server.stop();
        }
    }
}
