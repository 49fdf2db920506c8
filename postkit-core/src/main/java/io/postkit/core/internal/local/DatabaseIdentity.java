package io.postkit.core.internal.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which database a connection really reaches, whatever its URL says: the cluster's {@code system_identifier} (set by
 * initdb, unique per cluster) and the database name. postkit proves a database is its own local one with this
 * before dropping it.
 */
public record DatabaseIdentity(String systemIdentifier, String database) {

    public static DatabaseIdentity of(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT system_identifier::text, current_database()"
                     + " FROM pg_control_system()")) {
            rs.next();
            return new DatabaseIdentity(rs.getString(1), rs.getString(2));
        }
    }
}
