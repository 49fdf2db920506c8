package io.postkit.core.internal.catalog;

/**
 * The catalog queries, one per object kind for all managed schemas at once (never one per table: a schema has
 * thousands). Each takes the managed schema names as its only parameter, a {@code text[]} (a query that needs them
 * twice names them once in a {@code managed} CTE). They run with
 * {@code search_path = pg_catalog}, so every name PostgreSQL prints is schema-qualified.
 *
 * <p>A UNION, CASE, COALESCE or ARRAY whose first value is of type {@code name} ({@code relname}, {@code attname},
 * {@code proname}) is typed {@code name} as a whole, and PostgreSQL silently cuts every value of it to 63 bytes,
 * signatures ({@code pg_get_function_identity_arguments}) included. Every such column is cast to {@code text}, in
 * every branch, so no branch decides the type by accident ({@code CatalogQueriesTest} checks).
 */
final class CatalogQueries {

    private CatalogQueries() {
    }

    /**
     * A routine of the user's, as a condition on {@code pg_proc p}: not an extension's, nor one PostgreSQL made for a
     * type (a range type's constructors, deptype 'i'), which comes and goes with the type.
     */
    private static final String OWN_ROUTINE = " NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid ="
            + " 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype IN ('e', 'i'))";

    /** Relations that belong to an extension are the extension's, not the user's. */
    private static final String NOT_EXTENSION_MEMBER = " NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid ="
            + " 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')";

    /**
     * A type of the kinds the engine manages, as a condition on {@code pg_type t}: enums, domains, ranges and
     * stand-alone composite types (not a table's row type), none an extension's.
     */
    private static final String MANAGED_TYPE = "(t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS"
            + " (SELECT 1 FROM pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c')))"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend te WHERE te.classid = 'pg_type'::regclass"
            + "   AND te.objid = t.oid AND te.deptype = 'e')";

    /**
     * Range types as CREATE TYPE statements built from {@code pg_range}. The operator class is always named, so a
     * default one prints the same whether it was written or not. A multirange type's own name (PostgreSQL 14+)
     * is not read: it is always the default one.
     */
    static final String RANGES = "SELECT n.nspname::text, t.typname::text, 'CREATE TYPE ' || quote_ident(n.nspname) || '.'"
            + " || quote_ident(t.typname) || ' AS RANGE (' || concat_ws(', ',"
            + "   'SUBTYPE = ' || format_type(r.rngsubtype, NULL),"
            + "   'SUBTYPE_OPCLASS = ' || quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname),"
            + "   CASE WHEN r.rngcollation <> 0 THEN 'COLLATION = ' || quote_ident(cn.nspname) || '.'"
            + "     || quote_ident(co.collname) END,"
            + "   CASE WHEN r.rngcanonical <> 0 THEN 'CANONICAL = ' || r.rngcanonical::regproc END,"
            + "   CASE WHEN r.rngsubdiff <> 0 THEN 'SUBTYPE_DIFF = ' || r.rngsubdiff::regproc END) || ')'"
            + " FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_opclass oc ON oc.oid = r.rngsubopc JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace"
            + " LEFT JOIN pg_collation co ON co.oid = r.rngcollation"
            + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
            + " WHERE n.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_depend x"
            + "   WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')";

    /**
     * Owners of relations, routines, types and schemas. Sequences owned by a column (serial, identity) follow their
     * table, as indexes do: PostgreSQL refuses to give them an owner of their own.
     */
    static final String OWNERS = "WITH managed(s) AS (SELECT unnest(?::text[]))"
            + " SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'"
            + "   ELSE 'TABLE' END, n.nspname::text, c.relname::text, ''::text, pg_get_userbyid(c.relowner)::text"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname IN (SELECT s FROM managed)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid"
            + "   AND e.deptype IN ('e', 'a', 'i') AND (e.deptype = 'e' OR c.relkind = 'S'))"
            + " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION'"
            + "   END, n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid),"
            + "   pg_get_userbyid(p.proowner)::text"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE p.prokind IN ('f', 'p', 'a') AND n.nspname IN (SELECT s FROM managed)"
            + " AND" + OWN_ROUTINE
            + " UNION ALL SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname::text, t.typname::text, '',"
            + "   pg_get_userbyid(t.typowner)::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname IN (SELECT s FROM managed) AND " + MANAGED_TYPE
            + " UNION ALL SELECT 'SCHEMA', '', n.nspname::text, '', pg_get_userbyid(n.nspowner)::text FROM pg_namespace n"
            + " WHERE n.nspname IN (SELECT s FROM managed)";

    static final String SCHEMAS = "SELECT nspname::text FROM pg_namespace WHERE nspname = ANY (?)";

    /**
     * Tables, partitioned tables and partitions: security, persistence, partition key, parent and bound, inheritance
     * parents (schemas and names in declaration order) and sorted storage parameters.
     */
    static final String TABLES = "SELECT n.nspname::text, c.relname::text, c.relrowsecurity, c.relforcerowsecurity,"
            + " c.relpersistence = 'u', CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
            + " pn.nspname::text, pc.relname::text, CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
            + " ARRAY(SELECT hn.nspname::text FROM pg_inherits h JOIN pg_class hc ON hc.oid = h.inhparent"
            + "   JOIN pg_namespace hn ON hn.oid = hc.relnamespace WHERE h.inhrelid = c.oid AND NOT c.relispartition"
            + "   ORDER BY h.inhseqno),"
            + " ARRAY(SELECT hc.relname::text FROM pg_inherits h JOIN pg_class hc ON hc.oid = h.inhparent"
            + "   WHERE h.inhrelid = c.oid AND NOT c.relispartition ORDER BY h.inhseqno),"
            + " ARRAY(SELECT o FROM unnest(c.reloptions) o ORDER BY o)"
            + " FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_inherits pi ON c.relispartition AND pi.inhrelid = c.oid"
            + " LEFT JOIN pg_class pc ON pc.oid = pi.inhparent"
            + " LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?) AND" + NOT_EXTENSION_MEMBER;

    /** A table's own columns: none of a partition's, and not those an inheritance child only inherits. */
    static final String COLUMNS = "SELECT n.nspname::text, c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod),"
            + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,"
            + " CASE WHEN a.attcollation <> t.typcollation"
            + "   THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,"
            + " format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle"
            + " FROM pg_attribute a"
            + " JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
            // Per identity column only: a join of every column with pg_depend costs more than the rest together.
            + " LEFT JOIN LATERAL (SELECT sq.* FROM pg_depend dep JOIN pg_sequence sq ON sq.seqrelid = dep.objid"
            + "   WHERE a.attidentity <> '' AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid"
            + "   AND dep.refobjsubid = a.attnum AND dep.deptype = 'i' AND dep.classid = 'pg_class'::regclass) s"
            + "   ON true"
            + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attislocal AND a.attnum > 0"
            + " AND NOT a.attisdropped AND n.nspname = ANY (?)"
            + " ORDER BY n.nspname, c.relname, a.attnum";

    /**
     * A partition's own column defaults and NOT NULL, where they differ from its parent's: its other columns are
     * the parent's. Generated columns follow the parent's.
     */
    static final String PARTITION_COLUMNS = "SELECT n.nspname::text, c.relname::text, a.attname::text,"
            + " format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_inherits i ON i.inhrelid = c.oid"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = a.attname"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " LEFT JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum"
            + " WHERE c.relispartition AND c.relkind IN ('r', 'p') AND a.attgenerated = '' AND n.nspname = ANY (?)"
            + " AND (a.attnotnull <> pa.attnotnull"
            + "   OR pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, pd.adrelid))"
            + " ORDER BY n.nspname, c.relname, a.attnum";

    /**
     * A table's own constraints: not the clones of a partitioned parent's ({@code conparentid}) nor the CHECKs an
     * inheritance child only inherits; both follow their parent's.
     */
    static final String CONSTRAINTS = "SELECT n.nspname::text, c.relname::text, k.conname::text, k.contype,"
            + " pg_get_constraintdef(k.oid), rn.nspname::text, r.relname::text"
            + " FROM pg_constraint k"
            + " JOIN pg_class c ON c.oid = k.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_class r ON r.oid = k.confrelid"
            + " LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conparentid = 0"
            + " AND k.conislocal AND n.nspname = ANY (?)"
            + " ORDER BY n.nspname, c.relname, k.conname";

    /**
     * Indexes that do not implement a constraint of their table (those come with the constraint), nor are a
     * partition's part of its parent's index (that one creates them).
     */
    static final String INDEXES = "SELECT n.nspname::text, c.relname::text, ic.relname::text, pg_get_indexdef(i.indexrelid)"
            + " FROM pg_index i"
            + " JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND NOT ic.relispartition AND n.nspname = ANY (?)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
            + "   AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
            + " ORDER BY n.nspname, c.relname, ic.relname";

    /** Views: definition and sorted options. */
    static final String VIEWS = "SELECT n.nspname::text, c.relname::text, pg_get_viewdef(c.oid),"
            + " array_to_string(ARRAY(SELECT o FROM unnest(c.reloptions) o ORDER BY o), ','),"
            + " c.relkind = 'm', c.relispopulated"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY (?) AND" + NOT_EXTENSION_MEMBER;

    static final String VIEW_INDEXES = "SELECT n.nspname::text, c.relname::text, ic.relname::text, pg_get_indexdef(i.indexrelid)"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'm' AND n.nspname = ANY (?) ORDER BY 1, 2, 3";

    static final String VIEW_COLUMNS = "SELECT n.nspname::text, c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod)"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname = ANY (?)"
            + " ORDER BY n.nspname, c.relname, a.attnum";

    /**
     * What each view's query reads: relations, columns when the dependency is on one (refobjsubid), and routines
     * ({@code schema.name(args)}).
     */
    static final String VIEW_DEPENDENCIES = "WITH managed(s) AS (SELECT unnest(?::text[]))"
            + " SELECT DISTINCT vn.nspname::text, v.relname::text, rn.nspname::text, rc.relname::text,"
            + " coalesce(a.attname::text, '')"
            + " FROM pg_depend d JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            + " JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace"
            + " JOIN pg_class rc ON d.refclassid = 'pg_class'::regclass AND rc.oid = d.refobjid"
            + " JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
            + " LEFT JOIN pg_attribute a ON d.refobjsubid > 0 AND a.attrelid = rc.oid AND a.attnum = d.refobjsubid"
            + " WHERE v.relkind IN ('v', 'm') AND rc.oid <> v.oid AND vn.nspname IN (SELECT s FROM managed)"
            + " UNION SELECT vn.nspname::text, v.relname::text, pn.nspname::text,"
            + " p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')', ''"
            + " FROM pg_depend d JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            + " JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace"
            + " JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid"
            + " JOIN pg_namespace pn ON pn.oid = p.pronamespace"
            + " WHERE v.relkind IN ('v', 'm') AND vn.nspname IN (SELECT s FROM managed)";

    /** Row-level security policies, with PostgreSQL's own text of their expressions. */
    static final String POLICIES = "SELECT schemaname::text, tablename::text, policyname::text, permissive = 'PERMISSIVE', cmd,"
            + " ARRAY(SELECT r::text FROM unnest(roles) r ORDER BY r), qual, with_check"
            + " FROM pg_policies WHERE schemaname = ANY (?)";

    /**
     * Privileges of every kind of object, one row per (object, grantee, privilege). A NULL ACL means the built-in
     * defaults, which {@code acldefault} spells out (PUBLIC may EXECUTE a function until that is revoked). The
     * owner's entries are left out.
     */
    static final String GRANTS = "WITH managed(s) AS (SELECT unnest(?::text[]))"
            + " SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname::text, c.relname::text,"
            + "   ''::text, coalesce(r.rolname::text, 'public'), a.privilege_type, a.is_grantable"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
            + "   aclexplode(coalesce(c.relacl, acldefault((CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END)::\"char\", c.relowner)))"
            + "   a LEFT JOIN pg_roles r ON r.oid = a.grantee"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname IN (SELECT s FROM managed)"
            + " AND a.grantee <> c.relowner AND" + NOT_EXTENSION_MEMBER
            + " UNION ALL SELECT 'COLUMN', n.nspname::text, c.relname::text, att.attname::text,"
            + "   coalesce(r.rolname::text, 'public'),"
            + "   a.privilege_type, a.is_grantable"
            + " FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(att.attacl) a"
            + " LEFT JOIN pg_roles r ON r.oid = a.grantee"
            + " WHERE att.attacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v') AND n.nspname IN (SELECT s FROM managed)"
            + " AND a.grantee <> c.relowner"
            + " UNION ALL SELECT 'ROUTINE', n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid),"
            + "   coalesce(r.rolname::text, 'public'), a.privilege_type, a.is_grantable"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,"
            + "   aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a LEFT JOIN pg_roles r ON r.oid = a.grantee"
            + " WHERE p.prokind IN ('f', 'p', 'a') AND n.nspname IN (SELECT s FROM managed)"
            + " AND a.grantee <> p.proowner AND" + OWN_ROUTINE
            + " UNION ALL SELECT 'SCHEMA', '', n.nspname::text, '', coalesce(r.rolname::text, 'public'), a.privilege_type,"
            + "   a.is_grantable FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a"
            + "   LEFT JOIN pg_roles r ON r.oid = a.grantee"
            + " WHERE n.nspname IN (SELECT s FROM managed) AND a.grantee <> n.nspowner"
            + " UNION ALL SELECT 'TYPE', n.nspname::text, t.typname::text, '', coalesce(r.rolname::text, 'public'),"
            + "   a.privilege_type,"
            + "   a.is_grantable FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace,"
            + "   aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) a LEFT JOIN pg_roles r ON r.oid = a.grantee"
            + " WHERE " + MANAGED_TYPE + " AND n.nspname IN (SELECT s FROM managed) AND a.grantee <> t.typowner";

    /**
     * Default privileges for every schema (namespace 0) or a managed one. A row stands for its (role, schema,
     * object type) completely; the role's own entries are left out, like an owner's.
     */
    static final String DEFAULT_GRANTS = "SELECT fr.rolname::text, coalesce(n.nspname::text, ''), d.defaclobjtype::text,"
            + " coalesce(r.rolname::text, 'public'), a.privilege_type, a.is_grantable"
            + " FROM pg_default_acl d JOIN pg_roles fr ON fr.oid = d.defaclrole"
            + " LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a"
            + " LEFT JOIN pg_roles r ON r.oid = a.grantee"
            + " WHERE (d.defaclnamespace = 0 OR n.nspname = ANY (?)) AND a.grantee <> d.defaclrole";

    /** (role, schema, object type) of every default-privileges row, even one that grants nothing to others. */
    static final String DEFAULT_GRANT_SCOPES = "SELECT fr.rolname::text, coalesce(n.nspname::text, ''), d.defaclobjtype::text"
            + " FROM pg_default_acl d JOIN pg_roles fr ON fr.oid = d.defaclrole"
            + " LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace"
            + " WHERE d.defaclnamespace = 0 OR n.nspname = ANY (?)";

    /** Domains (not those over a row type, which are not managed yet). */
    /** Managed tables with a column of a managed domain, or of an array of one. */
    static final String DOMAIN_USERS = "SELECT DISTINCT tn.nspname::text, t.typname::text, cn.nspname::text, c.relname::text"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace cn ON cn.oid = c.relnamespace"
            + " JOIN pg_type at ON at.oid = a.atttypid"
            + " JOIN pg_type t ON t.oid = CASE WHEN at.typelem <> 0 AND at.typlen = -1 THEN at.typelem ELSE at.oid END"
            + " JOIN pg_namespace tn ON tn.oid = t.typnamespace"
            + " WHERE t.typtype = 'd' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND tn.nspname = ANY (?)";

    static final String DOMAINS = "SELECT n.nspname::text, t.typname::text, format_type(t.typbasetype, t.typtypmod),"
            + " CASE WHEN bt.typtype = 'd' THEN bn.nspname::text END, CASE WHEN bt.typtype = 'd' THEN bt.typname::text END,"
            + " CASE WHEN t.typcollation <> bt.typcollation"
            + "   THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,"
            + " pg_get_expr(t.typdefaultbin, 0), t.typnotnull, rn.nspname::text, rc.relname::text"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_type bt ON bt.oid = t.typbasetype JOIN pg_namespace bn ON bn.oid = bt.typnamespace"
            + " LEFT JOIN pg_class rc ON rc.oid = bt.typrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
            + " LEFT JOIN pg_collation co ON co.oid = t.typcollation"
            + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
            + " WHERE t.typtype = 'd' AND n.nspname = ANY (?)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid"
            + "   AND x.deptype = 'e')";

    /**
     * The managed routines a domain's checks or default call: PostgreSQL records both (a check's dependency is the
     * constraint's, a default's the type's).
     */
    static final String DOMAIN_ROUTINES = "WITH managed(s) AS (SELECT unnest(?::text[]))"
            + " SELECT DISTINCT n.nspname::text, t.typname::text, pn.nspname::text,"
            + "   p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_depend d ON d.refclassid = 'pg_proc'::regclass AND ((d.classid = 'pg_type'::regclass"
            + "   AND d.objid = t.oid) OR (d.classid = 'pg_constraint'::regclass AND d.objid IN"
            + "   (SELECT k.oid FROM pg_constraint k WHERE k.contypid = t.oid)))"
            + " JOIN pg_proc p ON p.oid = d.refobjid JOIN pg_namespace pn ON pn.oid = p.pronamespace"
            + " WHERE t.typtype = 'd' AND n.nspname IN (SELECT s FROM managed) AND pn.nspname IN (SELECT s FROM managed)"
            + " ORDER BY 1, 2, 3, 4";

    static final String DOMAIN_CONSTRAINTS = "SELECT n.nspname::text, t.typname::text, k.conname::text, pg_get_constraintdef(k.oid)"
            + " FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid"
            + " JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE k.contype = 'c' AND n.nspname = ANY (?) ORDER BY 1, 2, 3";

    /** Composite types (stand-alone, relkind 'c'). */
    static final String COMPOSITES = "SELECT n.nspname::text, t.typname::text FROM pg_type t"
            + " JOIN pg_class c ON c.oid = t.typrelid JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE c.relkind = 'c' AND n.nspname = ANY (?)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid"
            + "   AND x.deptype = 'e')";

    /** Attributes of composite types, with the managed composite type an attribute is of, if any. */
    static final String COMPOSITE_ATTRIBUTES = "SELECT n.nspname::text, t.typname::text, a.attname::text,"
            + " format_type(a.atttypid, a.atttypmod),"
            + " CASE WHEN a.attcollation <> at.typcollation"
            + "   THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,"
            + " CASE WHEN at.typtype = 'c' THEN an.nspname::text END, CASE WHEN at.typtype = 'c' THEN at.typname::text END"
            + " FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " JOIN pg_type at ON at.oid = a.atttypid JOIN pg_namespace an ON an.oid = at.typnamespace"
            + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
            + " WHERE c.relkind = 'c' AND n.nspname = ANY (?) ORDER BY n.nspname, t.typname, a.attnum";

    /** Enum types with their labels in sort order. */
    static final String ENUMS = "SELECT n.nspname::text, t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)"
            + " FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid ="
            + " 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e') GROUP BY n.nspname, t.typname";

    /** Table columns whose type is an enum of the managed schemas, or an array of one. */
    static final String ENUM_COLUMNS = "SELECT tn.nspname::text, t.typname::text, cn.nspname::text, c.relname::text,"
            + " a.attname::text"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace cn ON cn.oid = c.relnamespace"
            + " JOIN pg_type at ON at.oid = a.atttypid"
            + " JOIN pg_type t ON t.oid = CASE WHEN at.typelem <> 0 AND at.typlen = -1 THEN at.typelem ELSE at.oid END"
            + " JOIN pg_namespace tn ON tn.oid = t.typnamespace"
            + " WHERE t.typtype = 'e' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attislocal"
            + " AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND tn.nspname = ANY (?) ORDER BY 1, 2, 3, 4, 5";

    /**
     * An aggregate as a CREATE AGGREGATE statement, from {@code pg_aggregate} (PostgreSQL has no function that prints
     * one). Options at their defaults are left out, so equal aggregates print equally.
     */
    private static final String AGGREGATE_DEFINITION = "'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.'"
            + " || quote_ident(p.proname) || '(' || CASE WHEN p.pronargs = 0 THEN '*'"
            + "   ELSE pg_get_function_arguments(p.oid) END || ') (' || concat_ws(', ',"
            + "   'SFUNC = ' || ag.aggtransfn::regproc, 'STYPE = ' || format_type(ag.aggtranstype, NULL),"
            + "   CASE WHEN ag.aggtransspace <> 0 THEN 'SSPACE = ' || ag.aggtransspace END,"
            + "   CASE WHEN ag.aggfinalfn <> 0 THEN 'FINALFUNC = ' || ag.aggfinalfn::regproc END,"
            + "   CASE WHEN ag.aggfinalextra THEN 'FINALFUNC_EXTRA' END,"
            + "   CASE WHEN ag.aggfinalfn <> 0 THEN 'FINALFUNC_MODIFY = ' || CASE ag.aggfinalmodify"
            + "     WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,"
            + "   CASE WHEN ag.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || ag.aggcombinefn::regproc END,"
            + "   CASE WHEN ag.aggserialfn <> 0 THEN 'SERIALFUNC = ' || ag.aggserialfn::regproc END,"
            + "   CASE WHEN ag.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || ag.aggdeserialfn::regproc END,"
            + "   CASE WHEN ag.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(ag.agginitval) END,"
            + "   CASE WHEN ag.aggmtransfn <> 0 THEN 'MSFUNC = ' || ag.aggmtransfn::regproc || ', MINVFUNC = '"
            + "     || ag.aggminvtransfn::regproc || ', MSTYPE = ' || format_type(ag.aggmtranstype, NULL) END,"
            + "   CASE WHEN ag.aggmtransspace <> 0 THEN 'MSSPACE = ' || ag.aggmtransspace END,"
            + "   CASE WHEN ag.aggmfinalfn <> 0 THEN 'MFINALFUNC = ' || ag.aggmfinalfn::regproc END,"
            + "   CASE WHEN ag.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,"
            + "   CASE WHEN ag.aggmfinalfn <> 0 THEN 'MFINALFUNC_MODIFY = ' || CASE ag.aggmfinalmodify"
            + "     WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END END,"
            + "   CASE WHEN ag.aggminitval IS NOT NULL THEN 'MINITCOND = ' || quote_literal(ag.aggminitval) END,"
            + "   (SELECT 'SORTOP = OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')'"
            + "     FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = ag.aggsortop),"
            + "   CASE WHEN ag.aggkind = 'h' THEN 'HYPOTHETICAL' END,"
            + "   CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END)"
            + " || ')'";

    /** Functions, procedures and aggregates (not window functions). */
    static final String ROUTINES = "WITH managed(s) AS (SELECT unnest(?::text[])) SELECT n.nspname::text,"
            + " p.proname::text, pg_get_function_identity_arguments(p.oid), p.prokind, CASE WHEN p.prokind = 'a' THEN " + AGGREGATE_DEFINITION
            + "   ELSE pg_get_functiondef(p.oid) END, coalesce(pg_get_function_result(p.oid), ''),"
            + " EXISTS (SELECT 1 FROM pg_depend d LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass"
            + "   AND t.oid = d.refobjid"
            + "   JOIN pg_class rc ON rc.oid = CASE WHEN d.refclassid = 'pg_class'::regclass THEN d.refobjid"
            + "     ELSE t.typrelid END"
            + "   JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
            + "   WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND rc.relkind IN ('r', 'v', 'm', 'p')"
            + "   AND rn.nspname IN (SELECT s FROM managed)),"
            + " ARRAY(SELECT un.nspname::text FROM pg_depend d JOIN pg_proc u ON u.oid = d.refobjid"
            + "   JOIN pg_namespace un ON un.oid = u.pronamespace WHERE d.classid = 'pg_proc'::regclass"
            + "   AND d.objid = p.oid AND d.refclassid = 'pg_proc'::regclass AND d.deptype = 'n'"
            + "   AND un.nspname IN (SELECT s FROM managed) ORDER BY u.oid),"
            + " ARRAY(SELECT u.proname::text || '(' || pg_get_function_identity_arguments(u.oid) || ')' FROM pg_depend d"
            + "   JOIN pg_proc u ON u.oid = d.refobjid JOIN pg_namespace un ON un.oid = u.pronamespace"
            + "   WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_proc'::regclass"
            + "   AND d.deptype = 'n' AND un.nspname IN (SELECT s FROM managed) ORDER BY u.oid)"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " LEFT JOIN pg_aggregate ag ON ag.aggfnoid = p.oid"
            + " WHERE p.prokind IN ('f', 'p', 'a') AND n.nspname IN (SELECT s FROM managed)"
            + " AND" + OWN_ROUTINE;

    /**
     * The managed types in a routine's signature (an array of one counts as the type), from {@code pg_depend}: a
     * domain whose check calls a routine is created among the routines, so they are ordered by it.
     */
    static final String ROUTINE_TYPES = "WITH managed(s) AS (SELECT unnest(?::text[]))"
            + " SELECT DISTINCT n.nspname::text, p.proname::text || '(' || pg_get_function_identity_arguments(p.oid)"
            + "   || ')', tn.nspname::text, t.typname::text"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
            + "   AND d.refclassid = 'pg_type'::regclass AND d.deptype = 'n'"
            + " JOIN pg_type rt ON rt.oid = d.refobjid"
            + " JOIN pg_type t ON t.oid = CASE WHEN rt.typelem <> 0 AND rt.typlen = -1 THEN rt.typelem ELSE rt.oid END"
            + " JOIN pg_namespace tn ON tn.oid = t.typnamespace"
            + " WHERE n.nspname IN (SELECT s FROM managed) AND tn.nspname IN (SELECT s FROM managed)"
            + " AND p.prokind IN ('f', 'p', 'a') AND " + MANAGED_TYPE
            + " ORDER BY 1, 2, 3, 4";

    /**
     * User triggers on tables and views: not the internal ones behind foreign keys, nor a partition's clones of its
     * parent's ({@code tgparentid}).
     */
    static final String TRIGGERS = "SELECT n.nspname::text, c.relname::text, g.tgname::text, pg_get_triggerdef(g.oid), g.tgenabled,"
            + " fn.nspname::text, p.proname::text || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
            + " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_proc p ON p.oid = g.tgfoid JOIN pg_namespace fn ON fn.oid = p.pronamespace"
            + " WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND c.relkind IN ('r', 'p', 'v')"
            + " AND n.nspname = ANY (?)";

    /** Stand-alone sequences; identity sequences (deptype 'i') belong to their column. */
    static final String SEQUENCES = "SELECT n.nspname::text, c.relname::text, format_type(s.seqtypid, NULL), s.seqstart,"
            + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, tn.nspname::text, t.relname::text,"
            + " a.attname::text"
            + " FROM pg_sequence s"
            + " JOIN pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'"
            + " LEFT JOIN pg_class t ON t.oid = d.refobjid"
            + " LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
            + " WHERE n.nspname = ANY (?) AND" + NOT_EXTENSION_MEMBER
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass"
            + "   AND i.objid = c.oid AND i.deptype = 'i')"
            + " ORDER BY n.nspname, c.relname";

    /**
     * Which table columns' defaults draw from which managed sequence: the dependency PostgreSQL records from the
     * default ({@code pg_attrdef}) to the sequence {@code nextval} names.
     */
    static final String SEQUENCE_DEFAULT_USERS = "WITH managed(s) AS (SELECT unnest(?::text[]))"
            + " SELECT sn.nspname::text, s.relname::text, tn.nspname::text, t.relname::text, a.attname::text"
            + " FROM pg_depend d JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid"
            + " JOIN pg_class s ON d.refclassid = 'pg_class'::regclass AND s.oid = d.refobjid AND s.relkind = 'S'"
            + " JOIN pg_namespace sn ON sn.oid = s.relnamespace"
            + " JOIN pg_class t ON t.oid = ad.adrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum"
            + " WHERE d.deptype = 'n' AND t.relkind IN ('r', 'p') AND NOT t.relispartition AND a.attislocal"
            + " AND sn.nspname IN (SELECT s FROM managed)"
            + " AND tn.nspname IN (SELECT s FROM managed)"
            + " ORDER BY 1, 2, 3, 4, 5";

    /**
     * Comments on managed objects: kind, schema, object, member (column or constraint name, or empty), text.
     * Comments on a table's own sequences and indexes are read as those objects' comments.
     */
    static final String COMMENTS = "WITH managed(s) AS (SELECT unnest(?::text[]))"
            + " SELECT CASE WHEN d.objsubid > 0 THEN 'COLUMN' WHEN c.relkind = 'S' THEN 'SEQUENCE'"
            + "   WHEN c.relkind IN ('i', 'I') THEN 'INDEX' WHEN c.relkind = 'v' THEN 'VIEW'"
            + "   WHEN c.relkind = 'm' THEN 'MATERIALIZED_VIEW' ELSE 'TABLE' END,"
            + "   n.nspname::text, c.relname::text,"
            + "   coalesce(a.attname::text, ''), d.description"
            + " FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attribute a ON d.objsubid > 0 AND a.attrelid = c.oid AND a.attnum = d.objsubid"
            + " WHERE n.nspname IN (SELECT s FROM managed) AND c.relkind IN ('r', 'p', 'S', 'i', 'I', 'v', 'm')"
            + " UNION ALL SELECT 'CONSTRAINT', n.nspname::text, c.relname::text, k.conname::text, d.description"
            + " FROM pg_description d JOIN pg_constraint k ON d.classoid = 'pg_constraint'::regclass"
            + "   AND k.oid = d.objoid JOIN pg_class c ON c.oid = k.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN (SELECT s FROM managed)"
            + " UNION ALL SELECT 'ROUTINE', n.nspname::text, p.proname::text,"
            + "   pg_get_function_identity_arguments(p.oid), d.description FROM pg_description d JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass"
            + "   AND p.oid = d.objoid JOIN pg_namespace n ON n.oid = p.pronamespace"
            + "   WHERE n.nspname IN (SELECT s FROM managed) AND p.prokind IN ('f', 'p', 'a')"
            + "   AND" + OWN_ROUTINE
            + " UNION ALL SELECT 'TRIGGER', n.nspname::text, c.relname::text, g.tgname::text, d.description"
            + "   FROM pg_description d JOIN pg_trigger g ON d.classoid = 'pg_trigger'::regclass AND g.oid = d.objoid"
            + "   JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + "   WHERE n.nspname IN (SELECT s FROM managed) AND c.relkind IN ('r', 'p', 'v')"
            + " UNION ALL SELECT 'TYPE', n.nspname::text, t.typname::text, '', d.description FROM pg_description d"
            + "   JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND t.oid = d.objoid"
            + "   JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname IN (SELECT s FROM managed)"
            + "   AND " + MANAGED_TYPE
            + " UNION ALL SELECT 'SCHEMA', '', n.nspname::text, '', d.description"
            + " FROM pg_description d JOIN pg_namespace n ON d.classoid = 'pg_namespace'::regclass"
            + "   AND n.oid = d.objoid WHERE n.nspname IN (SELECT s FROM managed)";

    /**
     * Objects in the managed schemas that this version of the engine does not manage yet: never silently left out
     * of a plan or a clone.
     */
    static final String UNSUPPORTED = "WITH managed(s) AS (SELECT unnest(?::text[])) SELECT kind, name FROM ("
            + " SELECT 'foreign table' AS kind, n.nspname::text || '.' || c.relname::text AS name"
            + "   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + "   WHERE c.relkind = 'f' AND n.nspname IN (SELECT s FROM managed) AND" + NOT_EXTENSION_MEMBER
            + " UNION ALL SELECT 'window function',"
            + "   n.nspname::text || '.' || p.proname::text"
            + "   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN (SELECT s FROM managed)"
            + "   AND p.prokind = 'w'"
            + "   AND" + OWN_ROUTINE
            + " UNION ALL SELECT 'comment on window function', n.nspname::text || '.' || p.proname::text FROM pg_description d"
            + "   JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND p.oid = d.objoid"
            + "   JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN (SELECT s FROM managed)"
            + "   AND p.prokind = 'w'"
            + " UNION ALL SELECT 'rule', n.nspname::text || '.' || c.relname::text || '.' || r.rulename::text"
            + "   FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
            + "   WHERE r.rulename <> '_RETURN' AND n.nspname IN (SELECT s FROM managed) AND" + NOT_EXTENSION_MEMBER
            + " UNION ALL SELECT 'statistics object', n.nspname::text || '.' || x.stxname::text"
            + "   FROM pg_statistic_ext x JOIN pg_namespace n ON n.oid = x.stxnamespace"
            + "   WHERE n.nspname IN (SELECT s FROM managed)"
            + " UNION ALL SELECT 'collation', n.nspname::text || '.' || co.collname::text"
            + "   FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace"
            + "   WHERE n.nspname IN (SELECT s FROM managed) AND NOT EXISTS (SELECT 1 FROM pg_depend e"
            + "   WHERE e.classid = 'pg_collation'::regclass AND e.objid = co.oid AND e.deptype = 'e')"
            + " UNION ALL SELECT 'operator', n.nspname::text || '.' || o.oprname::text"
            + "   FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace"
            + "   WHERE n.nspname IN (SELECT s FROM managed) AND NOT EXISTS (SELECT 1 FROM pg_depend e"
            + "   WHERE e.classid = 'pg_operator'::regclass AND e.objid = o.oid AND e.deptype = 'e')"
            + " ) o ORDER BY kind, name";
}
