package io.postkit.core.internal.workflow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A server's version, as the clone and the dry run need it: the major picks the local server. */
public record ServerVersion(int major, String display) {

    public static ServerVersion of(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                     + " current_setting('server_version')")) {
            rs.next();
            return new ServerVersion(rs.getInt(1), rs.getString(2));
        }
    }
}
