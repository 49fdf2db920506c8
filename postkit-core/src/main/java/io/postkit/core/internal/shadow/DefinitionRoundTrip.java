package io.postkit.core.internal.shadow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Brings a database's check constraints (of tables and domains), expression or partial indexes and views to the
 * form PostgreSQL prints them in when they are created from their own printed text. A parent's checks and indexes
 * are re-created through the parent, which takes its partitions' and children's copies along. {@code pg_get_constraintdef} is not always a fixed point (a
 * {@code varchar IN (...)} check prints as {@code ARRAY[...]::text[]}, which prints differently once re-created),
 * and the clone is built from printed text: so the shadow must be too, or a plan would show changes that are not
 * there and never converge.
 *
 * <p>Run only on databases postkit owns (the shadow), where the tables are empty and this is cheap.
 */
public final class DefinitionRoundTrip {

    private static final String CHECKS = "SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I, ADD CONSTRAINT %I %s',"
            + " n.nspname, c.relname, k.conname, k.conname, pg_get_constraintdef(k.oid))"
            + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE k.contype = 'c' AND c.relkind IN ('r', 'p') AND k.coninhcount = 0 AND n.nspname = ANY (?)";

    private static final String INDEXES = "SELECT format('DROP INDEX %I.%I', n.nspname, ic.relname),"
            + " replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE (i.indpred IS NOT NULL OR i.indexprs IS NOT NULL) AND c.relkind IN ('r', 'p')"
            + " AND NOT ic.relispartition AND n.nspname = ANY (?)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)";

    private static final String DOMAIN_CHECKS = "SELECT format('ALTER DOMAIN %I.%I DROP CONSTRAINT %I', n.nspname,"
            + " t.typname, k.conname), format('ALTER DOMAIN %I.%I ADD CONSTRAINT %I %s', n.nspname, t.typname,"
            + " k.conname, pg_get_constraintdef(k.oid))"
            + " FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE k.contype = 'c' AND n.nspname = ANY (?)";

    /** In name order; OR REPLACE keeps the views that read a view, since its columns stay the same. */
    private static final String VIEWS = "SELECT format('CREATE OR REPLACE VIEW %I.%I%s AS %s', n.nspname, c.relname,"
            + " CASE WHEN c.reloptions IS NULL THEN '' ELSE ' WITH (' || array_to_string(c.reloptions, ', ') || ')'"
            + " END, pg_get_viewdef(c.oid))"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'v' AND n.nspname = ANY (?) ORDER BY n.nspname, c.relname";

    private DefinitionRoundTrip() {
    }

    public static void apply(Connection c, Collection<String> schemas) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = pg_catalog");
        }
        List<String> statements = new ArrayList<>();
        collect(c, CHECKS, schemas, statements, 1);
        collect(c, INDEXES, schemas, statements, 2);
        collect(c, DOMAIN_CHECKS, schemas, statements, 2);
        collect(c, VIEWS, schemas, statements, 1);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            s.execute("RESET search_path");
        }
    }

    private static void collect(Connection c, String query, Collection<String> schemas, List<String> into,
                                int columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        into.add(rs.getString(i));
                    }
                }
            }
        }
    }
}
