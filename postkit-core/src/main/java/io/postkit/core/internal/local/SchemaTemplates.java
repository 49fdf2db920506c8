package io.postkit.core.internal.local;

import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Kept copies of clones' schemas, without their rows: a clone of a remote whose schema has not changed since is a
 * {@code CREATE DATABASE … TEMPLATE} of one (a file copy) instead of thousands of statements. One per remote and
 * clone settings (the {@code key}); its name carries the stamp of the remote's catalogs it was made at, so finding
 * it is checking it. A new stamp makes a new template and retires the key's older ones.
 *
 * <p>A template is built as an ordinary marked database and becomes a template database ({@code datistemplate})
 * only when complete: one a killed goal left half-built is a leftover like any other, and a finished one is never
 * listed as one.
 */
public final class SchemaTemplates {

    private static final String PREFIX = "postkit_tpl_";

    private final LocalDatabases databases;

    public SchemaTemplates(LocalDatabases databases) {
        this.databases = databases;
    }

    /** The finished template of {@code key} made at {@code stamp}, if there is one. */
    public Optional<String> find(String key, String stamp) throws SQLException {
        String name = name(key, stamp);
        try (Connection c = databases.maintenance();
             PreparedStatement ps = c.prepareStatement("SELECT shobj_description(oid, 'pg_database')"
                     + " FROM pg_database WHERE datname = ? AND datistemplate")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                boolean ours = rs.next() && CreationMarker.parse(rs.getString(1))
                        .filter(m -> m.purpose() == Purpose.TEMPLATE).isPresent();
                return ours ? Optional.of(name) : Optional.empty();
            }
        }
    }

    /**
     * Keeps a template of {@code clone} (no one may be connected to it): a copy with {@code tables} emptied, named
     * for {@code key} and {@code stamp}; the key's older templates are dropped. A template that exists already, or
     * one in use by another goal, is left as it is.
     *
     * @param tables the clone's tables that hold rows, quoted and qualified; tables that reference them by foreign
     *               key are emptied with them ({@code CASCADE}: they hold none, or they would be in the list)
     */
    public void keep(String clone, String key, String stamp, Collection<String> tables) throws SQLException {
        String name = name(key, stamp);
        if (find(key, stamp).isPresent()) {
            return;
        }
        try (ThrowawayDatabase building = databases.createFrom(Purpose.TEMPLATE, clone)) {
            if (!tables.isEmpty()) {
                try (Connection c = building.connect(); Statement s = c.createStatement()) {
                    s.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
                }
            }
            try (Connection c = databases.maintenance(); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + Identifiers.quote(building.name()) + " RENAME TO "
                        + Identifiers.quote(name));
                building.keep();
                s.execute("ALTER DATABASE " + Identifiers.quote(name) + " IS_TEMPLATE true");
            }
        }
        retireOthers(key, name);
    }

    /** Every finished template postkit made on the server, by name. */
    public List<String> list() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = databases.maintenance(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname::text, shobj_description(oid, 'pg_database')"
                     + " FROM pg_database WHERE datistemplate AND datname LIKE '" + PREFIX + "%' ORDER BY 1")) {
            while (rs.next()) {
                if (CreationMarker.parse(rs.getString(2)).filter(m -> m.purpose() == Purpose.TEMPLATE).isPresent()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Drops the key's templates but {@code kept}; one in use now stays until a later clone retires it. */
    private void retireOthers(String key, String kept) throws SQLException {
        for (String name : list()) {
            if (name.startsWith(PREFIX + key.substring(0, 16) + "_") && !name.equals(kept)) {
                drop(name);
            }
        }
    }

    /** Drops template {@code name}; false when another goal is copying it. */
    private boolean drop(String name) throws SQLException {
        try (Connection c = databases.maintenance(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + Identifiers.quote(name) + " IS_TEMPLATE false");
            try {
                s.execute("DROP DATABASE " + Identifiers.quote(name));
                return true;
            } catch (SQLException inUse) {
                s.execute("ALTER DATABASE " + Identifiers.quote(name) + " IS_TEMPLATE true");
                return false;
            }
        }
    }

    /** {@code postkit_tpl_<key>_<stamp>}: 61 characters, under PostgreSQL's 63. */
    static String name(String key, String stamp) {
        return PREFIX + key.substring(0, 16) + "_" + stamp.substring(0, 32);
    }
}
