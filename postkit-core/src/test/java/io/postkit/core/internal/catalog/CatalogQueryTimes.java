package io.postkit.core.internal.catalog;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * For the schema-plan benchmark: how long each of {@link CatalogQueries}' queries takes on one database, run the
 * way {@link CatalogReader} runs them (read-only repeatable-read transaction, {@code search_path = pg_catalog}, the
 * managed schemas bound as one array) and with every row fetched. Shows where a catalog read spends its time.
 */
public final class CatalogQueryTimes {

    /** One query: its name in CatalogQueries, median seconds, rows. */
    public record QueryTime(String name, double seconds, long rows) {
    }

    private CatalogQueryTimes() {
    }

    public static List<QueryTime> measure(Connection c, Collection<String> schemas, int runs)
            throws SQLException, IllegalAccessException {
        List<QueryTime> times = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            s.execute("SET LOCAL search_path = pg_catalog");
            for (Field field : CatalogQueries.class.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers) || field.getType() != String.class) {
                    continue;
                }
                field.setAccessible(true);
                String sql = (String) field.get(null);
                double[] seconds = new double[runs];
                long rows = 0;
                for (int i = 0; i < runs; i++) {
                    long started = System.nanoTime();
                    rows = run(c, sql, schemas);
                    seconds[i] = (System.nanoTime() - started) / 1e9;
                }
                Arrays.sort(seconds);
                times.add(new QueryTime(field.getName(), seconds[runs / 2], rows));
            }
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
        return times;
    }

    private static long run(Connection c, String sql, Collection<String> schemas) throws SQLException {
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getString(i);
                    }
                    rows++;
                }
            }
        }
        return rows;
    }
}
