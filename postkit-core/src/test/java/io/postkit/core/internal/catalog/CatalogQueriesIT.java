package io.postkit.core.internal.catalog;

import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No catalog query returns a column of type {@code name}: a UNION, CASE, COALESCE or ARRAY typed {@code name} cuts
 * every value to 63 bytes, routine signatures included, so every such column is cast to text.
 */
class CatalogQueriesIT {

    /** What the engine does not manage is never silently left out of a plan or a clone: it is named. */
    @Test
    void objectsNotManagedYetAreListedByKindAndName() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(18);
        db.execute("CREATE TABLE t (a int, b int); CREATE TABLE log (a int);"
                + " CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a);"
                + " CREATE STATISTICS t_ab ON a, b FROM t;"
                + " CREATE COLLATION german (provider = icu, locale = 'de-DE');"
                + " CREATE FUNCTION near(int, int) RETURNS boolean LANGUAGE sql AS 'SELECT abs($1 - $2) < 2';"
                + " CREATE OPERATOR ~~~ (LEFTARG = int, RIGHTARG = int, FUNCTION = near);"
                + " CREATE EXTENSION citext;");
        try (Connection c = db.connect()) {
            assertEquals(List.of("collation public.german", "operator public.~~~", "rule public.t.t_log",
                    "statistics object public.t_ab"), new CatalogReader().unsupportedObjects(c, List.of("public")));
        }
    }

    @Test
    void noQueryReturnsANameColumn() throws Exception {
        TestDatabase db = TestPostgres.freshDatabase(13);
        List<String> nameColumns = new ArrayList<>();
        int queries = 0;
        try (Connection c = db.connect()) {
            for (Field field : CatalogQueries.class.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class
                        || !field.getName().equals(field.getName().toUpperCase())) {
                    continue;
                }
                field.setAccessible(true);
                String sql = (String) field.get(null);
                if (!sql.startsWith("SELECT") && !sql.startsWith("WITH")) {
                    continue;
                }
                queries++;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ResultSetMetaData columns = ps.getMetaData();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        String type = columns.getColumnTypeName(i);
                        if (type.equals("name") || type.equals("_name")) {
                            nameColumns.add(field.getName() + " column " + i + " (" + columns.getColumnLabel(i)
                                    + "): " + type);
                        }
                    }
                }
            }
        }
        assertTrue(queries > 20, "found " + queries + " queries");
        assertEquals(List.of(), nameColumns);
    }
}
