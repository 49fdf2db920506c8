package io.postkit.core.internal.clone;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one read-only transaction on the source a clone reads in: the catalogs, the stamp, and (through the exported
 * snapshot) every worker's rows, so all of it is one moment of the source however it changes meanwhile. Open from
 * the choice between a template and building the schema to the end of the clone, so the choice and the clone see
 * the same source.
 */
public final class SourceSnapshot implements AutoCloseable {

    private final Connection connection;
    private final String id;
    private String stamp;

    private SourceSnapshot(Connection connection, String id) {
        this.connection = connection;
        this.id = id;
    }

    public static SourceSnapshot open(ConnectionSource source) throws SQLException {
        Connection c = source.open();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    return new SourceSnapshot(c, rs.getString(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** For {@code SET TRANSACTION SNAPSHOT} on the workers' connections. */
    String id() {
        return id;
    }

    /** The source's {@link CatalogStamp}, read once. */
    public String stamp() throws SQLException {
        if (stamp == null) {
            stamp = CatalogStamp.read(connection);
        }
        return stamp;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
