package io.postkit.core.internal.clone;

import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.sql.Identifiers;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A digest of everything in a database's catalogs that a schema clone depends on, read in one query: equal stamps
 * mean a clone made from one would be the same as a clone made from the other, so a kept copy can stand in for
 * replaying the schema.
 *
 * <p>It digests the content of the rows, not their transaction ids: two databases rebuilt from different branches may
 * have the same ids and different columns. Every catalog of the database the reader may see is digested whole, so
 * an object kind postkit learns to clone later is covered already; left out are statistics ({@code pg_statistic},
 * rewritten by {@code ANALYZE}), large objects (data), and the columns of {@code pg_class} that vacuum and analyze
 * overwrite in place (sizes, frozen ids). Roles (cluster-wide, named by grants and owners) and the server's version
 * (it prints expressions) are part of it.
 */
final class CatalogStamp {

    /** Catalogs whose rows are data or statistics, not schema. */
    private static final List<String> NOT_SCHEMA = List.of("pg_statistic", "pg_statistic_ext_data", "pg_largeobject",
            "pg_largeobject_metadata", "pg_subscription_rel", "pg_class");

    /** What vacuum, analyze and index builds rewrite in a {@code pg_class} row without any change of schema. */
    private static final List<String> VOLATILE_CLASS_COLUMNS = List.of("relpages", "reltuples", "relallvisible",
            "relallfrozen", "relfrozenxid", "relminmxid", "relhasindex", "relhassubclass", "relfilenode");

    private CatalogStamp() {
    }

    /** The stamp of the database {@code c} is connected to, as its transaction's snapshot sees it. */
    static String read(Connection c) throws SQLException {
        // An order-free sum of 64-bit row hashes (32-bit before 11): no sort, and a cost of one pass over the rows.
        String hash = c.getMetaData().getDatabaseMajorVersion() >= 11 ? "hashtextextended(%s, 0)"
                : "hashtext(%s)::bigint";
        StringJoiner parts = new StringJoiner(" UNION ALL ");
        parts.add(digest(hash, "version", "t::text", "(SELECT version() AS v) t"));
        parts.add(digest(hash, "pg_roles", "t::text", "pg_catalog.pg_roles t"));
        parts.add(digest(hash, "pg_auth_members", "t::text", "pg_catalog.pg_auth_members t"));
        parts.add(digest(hash, "pg_class", "ROW(t.oid, " + String.join(", ", classColumns(c)) + ")::text",
                "pg_catalog.pg_class t"));
        for (String catalog : readableCatalogs(c)) {
            parts.add(digest(hash, catalog, "t::text", "pg_catalog." + Identifiers.quote(catalog) + " t"));
        }
        StringBuilder digests = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(parts + " ORDER BY 1")) {
            while (rs.next()) {
                digests.append(rs.getString(1)).append('=').append(rs.getString(2)).append('\n');
            }
        }
        return SchemaFingerprint.sha256(digests.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One row: the name, the rows' count and the sum of their hashes. */
    private static String digest(String hash, String name, String rowText, String from) {
        return "SELECT " + Identifiers.literal(name) + "::text, count(*) || ':' || coalesce(sum("
                + String.format(hash, rowText) + "), 0) FROM " + from;
    }

    /** The columns of {@code pg_class} in this version, but those vacuum and analyze overwrite. */
    private static List<String> classColumns(Connection c) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname::text FROM"
                + " pg_catalog.pg_attribute WHERE attrelid = 'pg_catalog.pg_class'::regclass AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum")) {
            while (rs.next()) {
                if (!VOLATILE_CLASS_COLUMNS.contains(rs.getString(1))) {
                    columns.add("t." + Identifiers.quote(rs.getString(1)));
                }
            }
        }
        return columns;
    }

    /** The catalogs of this database (not the cluster-wide ones) that the connected role may read. */
    private static List<String> readableCatalogs(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname::text FROM"
                + " pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'pg_catalog' AND c.relkind = 'r' AND NOT c.relisshared"
                + " AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1")) {
            while (rs.next()) {
                if (!NOT_SCHEMA.contains(rs.getString(1))) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
