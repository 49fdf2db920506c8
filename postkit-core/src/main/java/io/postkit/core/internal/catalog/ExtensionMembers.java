package io.postkit.core.internal.catalog;

/**
 * The condition that leaves out what an extension made (PostGIS's {@code spatial_ref_sys} and views,
 * {@code pg_stat_statements}): the schema files did not make it, and only the extension's owner may change it.
 */
public final class ExtensionMembers {

    private ExtensionMembers() {
    }

    /**
     * {@code AND NOT EXISTS (…)} for a query's object, fully qualified (it may run where a user's SQL ran).
     *
     * @param catalog the object's catalog ({@code pg_class}, {@code pg_type}, …)
     * @param oid     the expression giving the object's oid in the query
     */
    public static String excluded(String catalog, String oid) {
        return " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog." + catalog
                + "'::pg_catalog.regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
    }
}
