package io.postkit.core.internal.scripts;

import io.postkit.core.internal.catalog.ExtensionMembers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects PostgreSQL names when it refuses a statement for want of owning them ("must be owner of function
 * slugify", "permission denied for schema app"): user objects of that kind and name, with their owners. PostgreSQL
 * names them without schema or arguments, so every match is returned (overloads, namesakes in other schemas).
 * Extension members and PostgreSQL's own schemas are never among them.
 */
final class RefusedObjects {

    /** How to give one to another role: {@code ALTER <command> <identity> OWNER TO …}. */
    record OwnedObject(String command, String identity, String owner) {
    }

    private static final Pattern REFUSAL = Pattern.compile("(?:must be owner of|permission denied for)"
            + " (table|relation|view|materialized view|sequence|foreign table|function|procedure|routine|aggregate"
            + "|type|domain|schema) (.+)$");

    private static final String USER_SCHEMA = " AND n.nspname <> 'information_schema'"
            + " AND NOT pg_catalog.starts_with(n.nspname::pg_catalog.text, 'pg_')";

    private static final String RELATIONS = "SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN"
            + " 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,"
            + " c.oid::pg_catalog.regclass::pg_catalog.text, pg_catalog.pg_get_userbyid(c.relowner)::pg_catalog.text"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relname = CAST(? AS pg_catalog.name) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
            + USER_SCHEMA + ExtensionMembers.excluded("pg_class", "c.oid");

    private static final String ROUTINES = "SELECT 'ROUTINE', p.oid::pg_catalog.regprocedure::pg_catalog.text,"
            + " pg_catalog.pg_get_userbyid(p.proowner)::pg_catalog.text"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE p.proname = CAST(? AS pg_catalog.name)" + USER_SCHEMA
            + ExtensionMembers.excluded("pg_proc", "p.oid");

    /** Not a table's row type: that one follows its table. */
    private static final String TYPES = "SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,"
            + " t.oid::pg_catalog.regtype::pg_catalog.text, pg_catalog.pg_get_userbyid(t.typowner)::pg_catalog.text"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE t.typname = CAST(? AS pg_catalog.name) AND (t.typrelid = 0 OR EXISTS (SELECT 1"
            + " FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c'))" + USER_SCHEMA
            + ExtensionMembers.excluded("pg_type", "t.oid");

    private static final String SCHEMAS = "SELECT 'SCHEMA', pg_catalog.quote_ident(n.nspname),"
            + " pg_catalog.pg_get_userbyid(n.nspowner)::pg_catalog.text FROM pg_catalog.pg_namespace n"
            + " WHERE n.nspname = CAST(? AS pg_catalog.name)" + USER_SCHEMA
            + ExtensionMembers.excluded("pg_namespace", "n.oid");

    private static final Map<String, String> QUERIES = Map.ofEntries(
            Map.entry("table", RELATIONS), Map.entry("relation", RELATIONS), Map.entry("view", RELATIONS),
            Map.entry("materialized view", RELATIONS), Map.entry("sequence", RELATIONS),
            Map.entry("foreign table", RELATIONS), Map.entry("function", ROUTINES),
            Map.entry("procedure", ROUTINES), Map.entry("routine", ROUTINES), Map.entry("aggregate", ROUTINES),
            Map.entry("type", TYPES), Map.entry("domain", TYPES), Map.entry("schema", SCHEMAS));

    private RefusedObjects() {
    }

    /**
     * The objects {@code message} says a statement was refused for, on {@code c} (a superuser connection in a
     * transaction: identities are printed with {@code pg_catalog} alone on the search path, so fully qualified).
     */
    static List<OwnedObject> named(Connection c, String message) throws SQLException {
        Matcher m = REFUSAL.matcher(message);
        if (!m.find()) {
            return List.of();
        }
        List<OwnedObject> objects = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path = pg_catalog, pg_temp");
        }
        try (PreparedStatement ps = c.prepareStatement(QUERIES.get(m.group(1).toLowerCase(Locale.ROOT)))) {
            ps.setString(1, m.group(2).strip());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.add(new OwnedObject(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return objects;
    }
}
