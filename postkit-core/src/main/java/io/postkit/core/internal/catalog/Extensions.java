package io.postkit.core.internal.catalog;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.sql.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The extensions a database has installed (plpgsql aside). They are infrastructure, not desired state: a clone gets
 * its source's, and a shadow gets the clone's, so the schema files may use them without declaring them.
 */
public record Extensions(List<Extension> extensions) {

    public static final Extensions NONE = new Extensions(List.of());

    /** An extension and the schema its objects are in. */
    public record Extension(String name, String schema) {
    }

    public Extensions {
        extensions = List.copyOf(extensions);
    }

    public static Extensions installedIn(Connection c) throws SQLException {
        List<Extension> found = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT e.extname::text, n.nspname::text FROM pg_extension e"
                     + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.oid")) {
            while (rs.next()) {
                found.add(new Extension(rs.getString(1), rs.getString(2)));
            }
        }
        return new Extensions(found);
    }

    /**
     * Creates each extension the target lacks, in the schema it has on the source. An extension in a managed schema
     * the target does not have yet is left out and returned: the schema comes with the desired state, and the
     * extension belongs in {@code infra/}. An unmanaged schema is created for its extensions.
     *
     * @param where what the target is, for messages ("the local PostgreSQL 16 server")
     */
    public List<Extension> installInto(Connection target, Collection<String> managedSchemas, String where)
            throws SQLException {
        Set<String> available = names(target, "SELECT name FROM pg_available_extensions");
        Set<String> schemas = names(target, "SELECT nspname FROM pg_namespace");
        List<Extension> skipped = new ArrayList<>();
        try (Statement s = target.createStatement()) {
            for (Extension e : extensions) {
                if (!available.contains(e.name())) {
                    throw new PostkitException("The extension '" + e.name() + "' is installed on the source but "
                            + where + " does not have it (the embedded PostgreSQL binaries ship the contrib"
                            + " extensions only). Use a local server that has it (<local><url>…</url></local>).");
                }
                if (!schemas.contains(e.schema())) {
                    if (managedSchemas.contains(e.schema())) {
                        skipped.add(e);
                        continue;
                    }
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(e.schema()));
                    schemas.add(e.schema());
                }
                s.execute("CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(e.name()) + " WITH SCHEMA "
                        + Identifiers.quote(e.schema()));
            }
        }
        return skipped;
    }

    private static Set<String> names(Connection c, String sql) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
