package io.postkit.core.testing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A second opinion on "are these two schemas the same": a description of a database's schemas written in SQL alone,
 * over {@code pg_catalog}, that shares no code with the engine (it imports nothing from
 * {@code io.postkit.core.internal}; {@code CatalogOracleIT} checks that). Tests that judge convergence with the
 * engine's own {@code CatalogReader} cannot see what the reader does not model; this can.
 *
 * <p>Every query yields text lines naming objects the way PostgreSQL prints them (regclass, regprocedure,
 * regtype, {@code pg_describe_object}), read with {@code search_path = pg_catalog} so every name is qualified, and
 * definitions the way PostgreSQL prints them ({@code pg_get_constraintdef}, {@code pg_get_indexdef},
 * {@code pg_get_viewdef}, {@code pg_get_functiondef}, {@code pg_get_triggerdef}, {@code pg_get_expr},
 * {@code pg_get_ruledef}, {@code pg_get_statisticsobjdef}, {@code pg_get_partkeydef}).
 *
 * <p>Described, in the given schemas: the schemas (owner); tables, partitioned tables, views, materialized views and
 * foreign tables (owner, persistence, access method, tablespace, row level security, replica identity, typed
 * table, storage parameters, partition key and bound, inheritance parents, view definitions, populated); their
 * columns (type, collation, NOT NULL, default or generation expression, identity with its sequence's options,
 * storage, compression from 14, statistics target, local/inherited, options) and their order; constraints of
 * tables and domains (definition, local/inherited, the partition parent's constraint they come from); indexes
 * (definition, valid, ready, clustered, replica identity, the partitioned index they are attached to); triggers
 * (definition, enabled state); rules; policies; sequences (owner, options, OWNED BY); functions, procedures and
 * aggregates (owner, {@code pg_get_functiondef} or the {@code pg_aggregate} row); types (enum labels in order,
 * domains, ranges, composite types with their attributes in order, base and pseudo types); extended statistics;
 * collations, conversions, operators, operator classes and families, text search objects (that they exist);
 * comments on anything in these schemas; privileges (every {@code aclexplode} item, a missing ACL read as the
 * built-in default) on schemas, relations, sequences, columns, routines and types; default privileges (in every
 * schema and in these); and the database's extensions.
 *
 * <p>Left out on purpose, because they legitimately differ between two databases with the same schema: OIDs,
 * the database's name, row data and a sequence's current position; objects an extension owns (the extension line
 * stands for them); implicit array types and relations' row types (PostgreSQL makes them with their relation or
 * type); the name of an identity column's sequence, which PostgreSQL generates and may suffix to avoid a clash
 * (its options are described with the column). Two kinds of objects are described by what they belong to instead
 * of by their names, which PostgreSQL generates when it makes them as clones: a partition's index attached to its
 * parent's index ({@code CREATE INDEX} on a partitioned table names one per partition, numbered in the order it
 * meets them) and a NOT NULL constraint a table inherits (PostgreSQL 18; a partition made {@code PARTITION OF}
 * takes its parent's name, one attached keeps its own); docs/design.md ("Partitions") says a partition's clones
 * follow its parent's. Their definitions, tables and parents are still compared. Cluster-wide or database-wide objects (roles, tablespaces,
 * publications, subscriptions, event triggers, the database's own settings) are not described: they are not
 * part of a schema.
 *
 * <p>Column order: a table's columns are described one line each without their position, plus one line giving
 * the order ({@link CatalogDescription#TABLE_COLUMN_ORDER}); {@link CatalogDescription#withoutTableColumnOrder()}
 * drops that line where the engine documents that it appends added columns. Views and composite types keep theirs.
 */
public final class CatalogOracle {

    private static final String KIND = "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table'"
            + " WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'"
            + " WHEN 'c' THEN 'composite type' WHEN 'S' THEN 'sequence' ELSE c.relkind::text END";

    private static final String CLASS_NOT_MEMBER = " NOT EXISTS (SELECT 1 FROM member m"
            + " WHERE m.classid = 'pg_class'::regclass AND m.objid = c.oid)";

    private static final String OPTIONS = "array_to_string(ARRAY(SELECT o FROM unnest(%s) o ORDER BY o), ', ')";

    /** Types of their own: not an implicit array type, not a relation's row type, not a multirange. */
    private static final String OWN_TYPE = " NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass"
            + " AND m.objid = t.oid)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind <> 'c')"
            + " AND t.typtype <> 'm'";

    private static final String IDENTITY_SEQUENCE = "EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid ="
            + " 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i')";

    private CatalogOracle() {
    }

    /**
     * Describes {@code schemas} of the database {@code c} is connected to, in one repeatable-read snapshot. The
     * connection must be in autocommit mode; it is left so, with its settings unchanged.
     */
    public static CatalogDescription describe(Connection c, Collection<String> schemas) throws SQLException {
        if (!c.getAutoCommit()) {
            throw new IllegalStateException("CatalogOracle.describe needs a connection in autocommit mode");
        }
        List<String> lines = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                s.execute("SET LOCAL search_path = pg_catalog");
            }
            int version = serverVersion(c);
            Array names = c.createArrayOf("text", schemas.toArray());
            for (String query : queries(version)) {
                run(c, query, names, lines);
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        return new CatalogDescription(lines);
    }

    private static void run(Connection c, String query, Array schemas, List<String> lines) throws SQLException {
        String sql = "WITH managed AS (SELECT oid AS nsp, nspname FROM pg_namespace WHERE nspname = ANY (?)),"
                + " member AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e') " + query;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(oneLine(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new SQLException("CatalogOracle query failed: " + e.getMessage() + "\n" + sql, e.getSQLState(), e);
        }
    }

    /** Definitions span lines; a description line must not. Escaped so that no two texts read the same. */
    private static String oneLine(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static int serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> queries(int major) {
        return List.of(schemas(), relations(), partitionKeys(), partitionsAndParents(), viewDefinitions(),
                columns(major), columnOrder(), constraints(), indexes(), triggers(), rules(), policies(),
                sequences(), routines(), types(major), statistics(), otherObjects(), comments(), privileges(),
                defaultPrivileges(), extensions());
    }

    private static String schemas() {
        return "SELECT format('schema %I: owner=%I', n.nspname, pg_get_userbyid(n.nspowner))"
                + " FROM pg_namespace n JOIN managed ON managed.nsp = n.oid";
    }

    private static String relations() {
        return "SELECT format('%s %s: owner=%I persistence=%s access_method=%s tablespace=%s row_security=%s"
                + " force_row_security=%s replica_identity=%s of_type=%s options=[%s]', " + KIND + ", c.oid::regclass,"
                + " pg_get_userbyid(c.relowner), c.relpersistence,"
                + " coalesce((SELECT amname FROM pg_am WHERE oid = c.relam)::text, '-'),"
                + " coalesce((SELECT spcname FROM pg_tablespace WHERE oid = c.reltablespace)::text, 'default'),"
                + " c.relrowsecurity, c.relforcerowsecurity, c.relreplident,"
                + " CASE WHEN c.reloftype = 0 THEN '-' ELSE c.reloftype::regtype::text END, "
                + String.format(OPTIONS, "c.reloptions") + ")"
                + " FROM pg_class c JOIN managed ON managed.nsp = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND" + CLASS_NOT_MEMBER
                + " UNION ALL SELECT format('materialized view %s: populated=%s', c.oid::regclass, c.relispopulated)"
                + " FROM pg_class c JOIN managed ON managed.nsp = c.relnamespace WHERE c.relkind = 'm' AND"
                + CLASS_NOT_MEMBER;
    }

    private static String partitionKeys() {
        return "SELECT format('%s %s: partition key %s', " + KIND + ", c.oid::regclass, pg_get_partkeydef(c.oid))"
                + " FROM pg_class c JOIN managed ON managed.nsp = c.relnamespace WHERE c.relkind = 'p' AND"
                + CLASS_NOT_MEMBER;
    }

    private static String partitionsAndParents() {
        return "SELECT CASE WHEN c.relispartition"
                + " THEN format('%s %s: partition of %s %s', " + KIND + ", c.oid::regclass, h.inhparent::regclass,"
                + " pg_get_expr(c.relpartbound, c.oid))"
                + " ELSE format('%s %s: inherits %s (position %s)', " + KIND + ", c.oid::regclass,"
                + " h.inhparent::regclass, h.inhseqno) END"
                + " FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid"
                + " JOIN managed ON managed.nsp = c.relnamespace WHERE c.relkind IN ('r', 'p', 'f') AND"
                + CLASS_NOT_MEMBER;
    }

    private static String viewDefinitions() {
        return "SELECT format('%s %s definition: %s', " + KIND + ", c.oid::regclass, pg_get_viewdef(c.oid))"
                + " FROM pg_class c JOIN managed ON managed.nsp = c.relnamespace WHERE c.relkind IN ('v', 'm') AND"
                + CLASS_NOT_MEMBER;
    }

    private static String columns(int major) {
        String compression = major >= 14
                ? "' compression=' || CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' ELSE '-' END"
                : "''";
        return "SELECT format('%s %s column %I: type=%s collation=%s not_null=%s default=%s identity=%s%s"
                + " generated=%s storage=%s%s statistics=%s local=%s inherited=%s options=[%s]', " + KIND + ","
                + " c.oid::regclass, a.attname, format_type(a.atttypid, a.atttypmod), " + collation("a.attcollation")
                + ", a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), '-'),"
                + " CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' ELSE '-' END,"
                + " coalesce((SELECT format(' (type=%s start=%s increment=%s min=%s max=%s cache=%s cycle=%s)',"
                + " format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,"
                + " s.seqcycle) FROM pg_depend i JOIN pg_sequence s ON s.seqrelid = i.objid"
                + " WHERE i.classid = 'pg_class'::regclass AND i.refclassid = 'pg_class'::regclass"
                + " AND i.refobjid = c.oid AND i.refobjsubid = a.attnum AND i.deptype = 'i'), ''),"
                + " CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' ELSE '-' END,"
                + " a.attstorage, " + compression + ", coalesce(a.attstattarget::int, -1), a.attislocal,"
                + " a.attinhcount, " + String.format(OPTIONS, "a.attoptions") + ")"
                + COLUMNS_FROM + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + COLUMNS_WHERE;
    }

    private static final String COLUMNS_FROM = " FROM pg_class c JOIN managed ON managed.nsp = c.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped";

    private static final String COLUMNS_WHERE = " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND"
            + CLASS_NOT_MEMBER + " AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_type'::regclass"
            + " AND m.objid = c.reltype)";

    private static String columnOrder() {
        return "SELECT format('column order of %s %s: %s', " + KIND + ", c.oid::regclass,"
                + " string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum))" + COLUMNS_FROM + COLUMNS_WHERE
                + " GROUP BY c.oid, c.relkind";
    }

    /** An inherited NOT NULL constraint (PostgreSQL 18) is named by what it is: see the class comment. */
    private static String constraints() {
        return "SELECT format('constraint %s on %s: %s local=%s inherited=%s%s',"
                + " CASE WHEN co.contype = 'n' AND co.coninhcount > 0 THEN '(inherited NOT NULL)'"
                + " ELSE quote_ident(co.conname) END,"
                + " CASE WHEN co.conrelid = 0 THEN 'domain ' || co.contypid::regtype::text"
                + " ELSE " + KIND + " || ' ' || co.conrelid::regclass::text END,"
                + " pg_get_constraintdef(co.oid), co.conislocal, co.coninhcount,"
                + " CASE WHEN co.conparentid = 0 THEN '' ELSE (SELECT format(' from %I on %s', p.conname,"
                + " p.conrelid::regclass) FROM pg_constraint p WHERE p.oid = co.conparentid) END)"
                + " FROM pg_constraint co JOIN managed ON managed.nsp = co.connamespace"
                + " LEFT JOIN pg_class c ON c.oid = co.conrelid"
                + " WHERE NOT EXISTS (SELECT 1 FROM member m WHERE (m.classid = 'pg_class'::regclass"
                + " AND m.objid = co.conrelid) OR (m.classid = 'pg_type'::regclass AND m.objid = co.contypid))";
    }

    /**
     * A partition's index attached to its parent's is named by what it is attached to, and its definition printed
     * without its name: see the class comment.
     */
    private static String indexes() {
        return "SELECT CASE WHEN h.inhparent IS NULL"
                + " THEN format('index %s on %s: %s %s', c.oid::regclass, i.indrelid::regclass, d.def, x.state)"
                + " ELSE format('index attached to %s on %s: %s %s', h.inhparent::regclass, i.indrelid::regclass,"
                + " CASE WHEN starts_with(d.def, d.prefix) THEN replace(d.def, d.prefix, d.unnamed) ELSE d.def END,"
                + " x.state) END"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " JOIN managed ON managed.nsp = c.relnamespace"
                + " LEFT JOIN pg_inherits h ON h.inhrelid = c.oid,"
                + " LATERAL (SELECT pg_get_indexdef(i.indexrelid) AS def,"
                + " CASE WHEN i.indisunique THEN 'CREATE UNIQUE INDEX ' ELSE 'CREATE INDEX ' END"
                + " || quote_ident(c.relname) || ' ON ' AS prefix,"
                + " CASE WHEN i.indisunique THEN 'CREATE UNIQUE INDEX ON ' ELSE 'CREATE INDEX ON ' END AS unnamed) d,"
                + " LATERAL (SELECT format('valid=%s ready=%s clustered=%s replica_identity=%s', i.indisvalid,"
                + " i.indisready, i.indisclustered, i.indisreplident) AS state) x"
                + " WHERE" + CLASS_NOT_MEMBER;
    }

    private static String triggers() {
        return "SELECT format('trigger %I on %s: %s enabled=%s', t.tgname, t.tgrelid::regclass,"
                + " pg_get_triggerdef(t.oid), t.tgenabled)"
                + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN managed ON managed.nsp = c.relnamespace WHERE NOT t.tgisinternal AND" + CLASS_NOT_MEMBER;
    }

    private static String rules() {
        return "SELECT format('rule %I on %s: %s enabled=%s', r.rulename, r.ev_class::regclass, pg_get_ruledef(r.oid),"
                + " r.ev_enabled) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
                + " JOIN managed ON managed.nsp = c.relnamespace WHERE r.rulename <> '_RETURN' AND" + CLASS_NOT_MEMBER;
    }

    private static String policies() {
        return "SELECT format('policy %I on %s: command=%s permissive=%s roles=%s using=%s with_check=%s',"
                + " p.polname, p.polrelid::regclass, p.polcmd, p.polpermissive,"
                + " (SELECT string_agg(role, ', ' ORDER BY role) FROM (SELECT CASE WHEN r = 0 THEN 'PUBLIC'"
                + " ELSE quote_ident(pg_get_userbyid(r)) END AS role FROM unnest(p.polroles) r) roles),"
                + " coalesce(pg_get_expr(p.polqual, p.polrelid), '-'),"
                + " coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-'))"
                + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
                + " JOIN managed ON managed.nsp = c.relnamespace WHERE" + CLASS_NOT_MEMBER;
    }

    private static String sequences() {
        return "SELECT format('sequence %s: owner=%I persistence=%s type=%s start=%s increment=%s min=%s max=%s"
                + " cache=%s cycle=%s owned_by=%s', c.oid::regclass, pg_get_userbyid(c.relowner), c.relpersistence,"
                + " format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,"
                + " s.seqcycle, coalesce((SELECT format('%s.%I', d.refobjid::regclass, a.attname)"
                + " FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                + " AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'), '-'))"
                + " FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid"
                + " JOIN managed ON managed.nsp = c.relnamespace"
                + " WHERE c.relkind = 'S' AND NOT " + IDENTITY_SEQUENCE + " AND" + CLASS_NOT_MEMBER;
    }

    private static String routines() {
        return "SELECT format('%s %s: owner=%I %s', CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'"
                + " WHEN 'a' THEN 'aggregate' ELSE 'window function' END, p.oid::regprocedure,"
                + " pg_get_userbyid(p.proowner), CASE WHEN p.prokind = 'a' THEN (" + AGGREGATE + ")"
                + " ELSE pg_get_functiondef(p.oid) END)"
                + " FROM pg_proc p JOIN managed ON managed.nsp = p.pronamespace"
                + " WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_proc'::regclass"
                + " AND m.objid = p.oid)";
    }

    /** PostgreSQL has no function that prints an aggregate: its pg_aggregate row, every column but the OIDs. */
    private static final String AGGREGATE = "SELECT format('returns=%s kind=%s direct_args=%s transition=%s"
            + " final=%s final_extra=%s final_modify=%s combine=%s serial=%s deserial=%s moving_transition=%s"
            + " moving_inverse=%s moving_final=%s moving_final_extra=%s moving_final_modify=%s sort_operator=%s"
            + " state_type=%s state_space=%s moving_state_type=%s moving_state_space=%s initial=%s"
            + " moving_initial=%s parallel=%s strict=%s', p.prorettype::regtype, g.aggkind, g.aggnumdirectargs,"
            + " g.aggtransfn::regprocedure, g.aggfinalfn::regprocedure, g.aggfinalextra, g.aggfinalmodify,"
            + " g.aggcombinefn::regprocedure, g.aggserialfn::regprocedure, g.aggdeserialfn::regprocedure,"
            + " g.aggmtransfn::regprocedure, g.aggminvtransfn::regprocedure, g.aggmfinalfn::regprocedure,"
            + " g.aggmfinalextra, g.aggmfinalmodify, g.aggsortop::regoperator, g.aggtranstype::regtype,"
            + " g.aggtransspace, g.aggmtranstype::regtype, g.aggmtransspace, coalesce(g.agginitval, '-'),"
            + " coalesce(g.aggminitval, '-'), p.proparallel, p.proisstrict)"
            + " FROM pg_aggregate g WHERE g.aggfnoid = p.oid";

    private static String types(int major) {
        String multirange = major >= 14 ? "' multirange=' || r.rngmultitypid::regtype::text" : "''";
        return "SELECT format('type %s: owner=%I %s', t.oid::regtype, pg_get_userbyid(t.typowner), CASE t.typtype"
                + " WHEN 'e' THEN 'enum (' || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', '"
                + " ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ')'"
                + " WHEN 'd' THEN format('domain over %s collation=%s not_null=%s default=%s',"
                + " format_type(t.typbasetype, t.typtypmod), " + collation("t.typcollation") + ", t.typnotnull,"
                + " coalesce(t.typdefault, '-'))"
                + " WHEN 'r' THEN (SELECT format('range of %s collation=%s operator_class=%s canonical=%s"
                + " subtype_diff=%s', r.rngsubtype::regtype, " + collation("r.rngcollation") + ","
                + " (SELECT format('%I.%I', oc_n.nspname, oc.opcname) FROM pg_opclass oc"
                + " JOIN pg_namespace oc_n ON oc_n.oid = oc.opcnamespace WHERE oc.oid = r.rngsubopc),"
                + " r.rngcanonical::regprocedure, r.rngsubdiff::regprocedure) || " + multirange
                + " FROM pg_range r WHERE r.rngtypid = t.oid)"
                + " WHEN 'c' THEN 'composite'"
                + " WHEN 'b' THEN format('base input=%s output=%s receive=%s send=%s length=%s by_value=%s align=%s"
                + " storage=%s category=%s', t.typinput::regprocedure, t.typoutput::regprocedure,"
                + " t.typreceive::regprocedure, t.typsend::regprocedure, t.typlen, t.typbyval, t.typalign,"
                + " t.typstorage, t.typcategory)"
                + " ELSE 'typtype ' || t.typtype::text END)"
                + " FROM pg_type t JOIN managed ON managed.nsp = t.typnamespace WHERE" + OWN_TYPE;
    }

    private static String statistics() {
        return "SELECT format('statistics %I.%I: %s', managed.nspname, s.stxname, pg_get_statisticsobjdef(s.oid))"
                + " FROM pg_statistic_ext s JOIN managed ON managed.nsp = s.stxnamespace"
                + " WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_statistic_ext'::regclass"
                + " AND m.objid = s.oid)";
    }

    /** Kinds the engine does not manage: that they exist, so one left behind or missing shows. */
    private static String otherObjects() {
        return "SELECT 'object ' || pg_describe_object(o.classid, o.objid, 0) FROM ("
                + " SELECT 'pg_collation'::regclass AS classid, oid AS objid, collnamespace AS nsp FROM pg_collation"
                + " UNION ALL SELECT 'pg_conversion'::regclass, oid, connamespace FROM pg_conversion"
                + " UNION ALL SELECT 'pg_operator'::regclass, oid, oprnamespace FROM pg_operator"
                + " UNION ALL SELECT 'pg_opclass'::regclass, oid, opcnamespace FROM pg_opclass"
                + " UNION ALL SELECT 'pg_opfamily'::regclass, oid, opfnamespace FROM pg_opfamily"
                + " UNION ALL SELECT 'pg_ts_config'::regclass, oid, cfgnamespace FROM pg_ts_config"
                + " UNION ALL SELECT 'pg_ts_dict'::regclass, oid, dictnamespace FROM pg_ts_dict"
                + " UNION ALL SELECT 'pg_ts_parser'::regclass, oid, prsnamespace FROM pg_ts_parser"
                + " UNION ALL SELECT 'pg_ts_template'::regclass, oid, tmplnamespace FROM pg_ts_template"
                + ") o JOIN managed ON managed.nsp = o.nsp"
                + " WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = o.classid AND m.objid = o.objid)";
    }

    /** Comments on anything in the schemas (columns, constraints, triggers, policies too) and on the schemas. */
    private static String comments() {
        return "SELECT format('comment on %s: %s', pg_describe_object(d.classoid, d.objoid, d.objsubid),"
                + " d.description) FROM pg_description d"
                // objects PostgreSQL creates itself (initdb) have OIDs below 16384 (FirstNormalObjectId): only
                // skipped for speed, a schema's comment (public's is one of them) is kept
                + " WHERE (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass)"
                + " AND NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = d.classoid AND m.objid = d.objoid)"
                + " AND CASE WHEN d.classoid = 'pg_namespace'::regclass"
                + " THEN d.objoid IN (SELECT nsp FROM managed)"
                + " ELSE (pg_identify_object(d.classoid, d.objoid, 0)).schema IN (SELECT nspname FROM managed) END";
    }

    /** Every privilege item; a missing ACL is PostgreSQL's default for the object's owner (acldefault). */
    private static String privileges() {
        return "SELECT format('privilege on %s: %s to %s granted by %s%s', o.object, x.privilege_type,"
                + " CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END,"
                + " quote_ident(pg_get_userbyid(x.grantor)),"
                + " CASE WHEN x.is_grantable THEN ' with grant option' ELSE '' END) FROM ("
                + " SELECT pg_describe_object('pg_namespace'::regclass, n.oid, 0) AS object,"
                + " coalesce(n.nspacl, acldefault('n', n.nspowner)) AS acl"
                + " FROM pg_namespace n JOIN managed ON managed.nsp = n.oid"
                + " UNION ALL SELECT pg_describe_object('pg_class'::regclass, c.oid, 0),"
                + " coalesce(c.relacl,"
                + " acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::\"char\", c.relowner))"
                + " FROM pg_class c JOIN managed ON managed.nsp = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND NOT " + IDENTITY_SEQUENCE + " AND"
                + CLASS_NOT_MEMBER
                + " UNION ALL SELECT pg_describe_object('pg_class'::regclass, c.oid, a.attnum), a.attacl"
                + COLUMNS_FROM + " WHERE a.attacl IS NOT NULL AND" + CLASS_NOT_MEMBER
                + " UNION ALL SELECT pg_describe_object('pg_proc'::regclass, p.oid, 0),"
                + " coalesce(p.proacl, acldefault('f', p.proowner))"
                + " FROM pg_proc p JOIN managed ON managed.nsp = p.pronamespace"
                + " WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid)"
                + " UNION ALL SELECT pg_describe_object('pg_type'::regclass, t.oid, 0),"
                + " coalesce(t.typacl, acldefault('T', t.typowner))"
                + " FROM pg_type t JOIN managed ON managed.nsp = t.typnamespace WHERE" + OWN_TYPE
                + ") o, LATERAL aclexplode(o.acl) x";
    }

    /**
     * One line per pg_default_acl row, its items sorted. PostgreSQL itself removes a row that comes back to the
     * built-in defaults, so a row's presence is meaningful and needs no normalising.
     */
    private static String defaultPrivileges() {
        return "SELECT format('default privileges of %I %s on %s: %s', pg_get_userbyid(d.defaclrole),"
                + " CASE WHEN d.defaclnamespace = 0 THEN 'in every schema' ELSE format('in schema %I', n.nspname) END,"
                + " CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'"
                + " WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' ELSE d.defaclobjtype::text END,"
                + " coalesce((SELECT string_agg(item, ', ' ORDER BY item) FROM (SELECT format('%s to %s%s',"
                + " x.privilege_type, CASE WHEN x.grantee = 0 THEN 'PUBLIC'"
                + " ELSE quote_ident(pg_get_userbyid(x.grantee)) END,"
                + " CASE WHEN x.is_grantable THEN ' with grant option' ELSE '' END) AS item"
                + " FROM aclexplode(d.defaclacl) x) items), 'nothing'))"
                + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace"
                + " WHERE d.defaclnamespace = 0 OR d.defaclnamespace IN (SELECT nsp FROM managed)";
    }

    private static String extensions() {
        return "SELECT format('extension %I: schema=%I version=%s', e.extname, n.nspname, e.extversion)"
                + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace";
    }

    /** A collation as schema.name, or '-' for none. */
    private static String collation(String oid) {
        return "CASE WHEN " + oid + " = 0 THEN '-' ELSE (SELECT format('%I.%I', cn.nspname, co.collname)"
                + " FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE co.oid = " + oid + ") END";
    }
}
