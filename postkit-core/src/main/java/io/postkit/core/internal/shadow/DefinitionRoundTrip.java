package io.postkit.core.internal.shadow;

import io.postkit.core.internal.catalog.ExtensionMembers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Brings every expression PostgreSQL prints in a database's managed schemas to the form it prints once that
 * expression is created again from its own printed text: checks of tables and domains, expression and partial
 * indexes, column defaults and (PostgreSQL 17+) generation expressions, domain defaults, policies' USING and WITH
 * CHECK, triggers' WHEN, and views. A clone is built from printed text, and printed text is not always a fixed point
 * (a {@code varchar IN (...)} prints as {@code ... = ANY ((ARRAY[...])::text[])}, which prints differently once
 * re-created); so the shadow must be built the same way, or a plan would show changes that are not there and never
 * converge.
 *
 * <p>What can be changed in place is ({@code ALTER ... SET DEFAULT}, {@code ALTER POLICY}, {@code CREATE OR REPLACE
 * VIEW}); what cannot is dropped and created again with its comment (and a trigger with its enabled state). A
 * parent's checks, indexes, triggers and generation expressions are re-created through the parent, which takes its
 * partitions' and children's copies along.
 *
 * <p>Run only on databases postkit owns (the shadow), where the tables are empty and this is cheap.
 */
public final class DefinitionRoundTrip {

    /** Joins an object's comment as {@code d.description}, if it has one. */
    private static String described(String oid, String catalog) {
        return " LEFT JOIN pg_description d ON d.objoid = " + oid + " AND d.classoid = '" + catalog + "'::regclass"
                + " AND d.objsubid = 0";
    }

    private static final String CHECKS = "SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I, ADD CONSTRAINT %I %s',"
            + " n.nspname, c.relname, k.conname, k.conname, pg_get_constraintdef(k.oid)),"
            + " CASE WHEN d.description IS NOT NULL THEN format('COMMENT ON CONSTRAINT %I ON %I.%I IS %L', k.conname,"
            + "   n.nspname, c.relname, d.description) END"
            + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace" + described("k.oid", "pg_constraint")
            + " WHERE k.contype = 'c' AND c.relkind IN ('r', 'p') AND k.coninhcount = 0 AND n.nspname = ANY (?)"
            + ExtensionMembers.excluded("pg_class", "c.oid");

    private static final String INDEXES = "SELECT format('DROP INDEX %I.%I', n.nspname, ic.relname),"
            + " replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON '),"
            + " CASE WHEN d.description IS NOT NULL THEN format('COMMENT ON INDEX %I.%I IS %L', n.nspname, ic.relname,"
            + "   d.description) END"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + described("ic.oid", "pg_class")
            + " WHERE (i.indpred IS NOT NULL OR i.indexprs IS NOT NULL) AND c.relkind IN ('r', 'p')"
            + " AND NOT ic.relispartition AND n.nspname = ANY (?)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
            + ExtensionMembers.excluded("pg_class", "c.oid");

    private static final String DOMAIN_CHECKS = "SELECT format('ALTER DOMAIN %I.%I DROP CONSTRAINT %I', n.nspname,"
            + " t.typname, k.conname), format('ALTER DOMAIN %I.%I ADD CONSTRAINT %I %s', n.nspname, t.typname,"
            + " k.conname, pg_get_constraintdef(k.oid))"
            + " FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE k.contype = 'c' AND n.nspname = ANY (?)"
            + ExtensionMembers.excluded("pg_type", "t.oid");

    private static final String DOMAIN_DEFAULTS = "SELECT format('ALTER DOMAIN %I.%I SET DEFAULT %s', n.nspname,"
            + " t.typname, pg_get_expr(t.typdefaultbin, 0))"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typtype = 'd' AND t.typdefaultbin IS NOT NULL AND n.nspname = ANY (?)"
            + ExtensionMembers.excluded("pg_type", "t.oid");

    /**
     * Partitions and children too: their own defaults may differ from their parent's. Only defaults whose text holds
     * an array constructor: a schema has thousands of defaults and each ALTER costs a lock and a catalog update, and
     * the forms found not to be fixed points are all an IN list or {@code = ANY} over a cast {@code ARRAY[...]}.
     */
    private static final String COLUMN_DEFAULTS = "SELECT format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s',"
            + " n.nspname, c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid))"
            + " FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
            + " JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE a.attgenerated = '' AND c.relkind IN ('r', 'p') AND n.nspname = ANY (?)"
            + " AND pg_get_expr(d.adbin, d.adrelid) LIKE '%ARRAY[%'"
            + ExtensionMembers.excluded("pg_class", "c.oid");

    /** {@code SET EXPRESSION} came with PostgreSQL 17; before it, a generation expression cannot be re-set. */
    private static final String GENERATION_EXPRESSIONS = "SELECT format('ALTER TABLE %I.%I ALTER COLUMN %I"
            + " SET EXPRESSION AS (%s)', n.nspname, c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid))"
            + " FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
            + " JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE a.attgenerated <> '' AND a.attinhcount = 0 AND c.relkind IN ('r', 'p') AND n.nspname = ANY (?)"
            + " AND current_setting('server_version_num')::int >= 170000"
            + ExtensionMembers.excluded("pg_class", "c.oid");

    private static final String POLICIES = "SELECT format('ALTER POLICY %I ON %I.%I', p.polname, n.nspname,"
            + " c.relname) || coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')"
            + " || coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')"
            + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE (p.polqual IS NOT NULL OR p.polwithcheck IS NOT NULL) AND n.nspname = ANY (?)"
            + ExtensionMembers.excluded("pg_class", "c.oid");

    /** A trigger's WHEN can only be given at creation; a partition's clones of its parent's follow the parent. */
    private static final String TRIGGERS = "SELECT format('DROP TRIGGER %I ON %I.%I', g.tgname, n.nspname, c.relname),"
            + " pg_get_triggerdef(g.oid),"
            + " CASE WHEN d.description IS NOT NULL THEN format('COMMENT ON TRIGGER %I ON %I.%I IS %L', g.tgname,"
            + "   n.nspname, c.relname, d.description) END,"
            + " format('ALTER TABLE %I.%I ', n.nspname, c.relname) || CASE g.tgenabled WHEN 'D' THEN 'DISABLE'"
            + "   WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS' END || format(' TRIGGER %I', g.tgname)"
            + " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + described("g.oid", "pg_trigger")
            + " WHERE g.tgqual IS NOT NULL AND NOT g.tgisinternal AND g.tgparentid = 0"
            + " AND n.nspname = ANY (?)" + ExtensionMembers.excluded("pg_class", "c.oid");

    /** In name order; OR REPLACE keeps the views that read a view, since its columns stay the same. */
    private static final String VIEWS = "SELECT format('CREATE OR REPLACE VIEW %I.%I%s AS %s', n.nspname, c.relname,"
            + " CASE WHEN c.reloptions IS NULL THEN '' ELSE ' WITH (' || array_to_string(c.reloptions, ', ') || ')'"
            + " END, pg_get_viewdef(c.oid))"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'v' AND n.nspname = ANY (?)" + ExtensionMembers.excluded("pg_class", "c.oid")
            + " ORDER BY n.nspname, c.relname";

    /** Each query gives, per object, the statements that re-create it (null where there is nothing to do). */
    private static final List<String> IN_ORDER = List.of(CHECKS, INDEXES, DOMAIN_CHECKS, DOMAIN_DEFAULTS,
            COLUMN_DEFAULTS, GENERATION_EXPRESSIONS, POLICIES, TRIGGERS, VIEWS);

    private static final int BATCH = 500;

    private DefinitionRoundTrip() {
    }

    public static void apply(Connection c, Collection<String> schemas) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = pg_catalog");
        }
        List<String> statements = new ArrayList<>();
        for (String query : IN_ORDER) {
            collect(c, query, schemas, statements);
        }
        try (Statement s = c.createStatement()) {
            // Thousands of statements on a large schema: a batch per round trip, not a statement.
            for (int from = 0; from < statements.size(); from += BATCH) {
                s.execute(String.join(";\n", statements.subList(from, Math.min(statements.size(), from + BATCH))));
            }
            s.execute("RESET search_path");
        }
    }

    private static void collect(Connection c, String query, Collection<String> schemas, List<String> into)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData columns = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        if (rs.getString(i) != null) {
                            into.add(rs.getString(i));
                        }
                    }
                }
            }
        }
    }
}
