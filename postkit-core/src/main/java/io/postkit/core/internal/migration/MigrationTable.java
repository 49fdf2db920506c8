package io.postkit.core.internal.migration;

import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code schema_migrations} table every migrated database carries. Its {@code version} column is dbmate's, so
 * dbmate reads it; the other columns are postkit's and nullable, so rows dbmate writes are valid too.
 */
public final class MigrationTable {

    public static final QualifiedName DEFAULT_NAME = QualifiedName.of("public", "schema_migrations");

    private final QualifiedName name;

    public MigrationTable(QualifiedName name) {
        this.name = name;
    }

    public QualifiedName name() {
        return name;
    }

    /** Creates the table, or adds postkit's columns to a table dbmate created. */
    public void ensureExists(Connection c) throws SQLException {
        String table = Identifiers.quote(name);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (version varchar(128) PRIMARY KEY)");
            s.execute("ALTER TABLE " + table
                    + " ADD COLUMN IF NOT EXISTS checksum varchar(64),"
                    + " ADD COLUMN IF NOT EXISTS applied_at timestamptz,"
                    + " ADD COLUMN IF NOT EXISTS applied_by text,"
                    + " ADD COLUMN IF NOT EXISTS duration_ms bigint");
        }
    }

    /** Applied versions with their recorded checksum (null when dbmate or an older tool wrote the row). */
    public Map<String, String> applied(Connection c) throws SQLException {
        Map<String, String> applied = new TreeMap<>();
        if (!exists(c)) {
            return applied;
        }
        boolean hasChecksum = hasColumn(c, "checksum");
        String sql = "SELECT version" + (hasChecksum ? ", checksum" : ", NULL") + " FROM " + Identifiers.quote(name);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                applied.put(rs.getString(1), rs.getString(2));
            }
        }
        return applied;
    }

    public void record(Connection c, String version, String checksum, long durationMillis) throws SQLException {
        String sql = "INSERT INTO " + Identifiers.quote(name)
                + " (version, checksum, applied_at, applied_by, duration_ms) VALUES (?, ?, now(), current_user, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, version);
            ps.setString(2, checksum);
            ps.setLong(3, durationMillis);
            ps.executeUpdate();
        }
    }

    public boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, Identifiers.quote(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private boolean hasColumn(Connection c, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attname = ? AND NOT attisdropped")) {
            ps.setString(1, Identifiers.quote(name));
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
