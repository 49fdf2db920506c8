package io.postkit.core.internal.plan;

import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan of the same two schemas is the same bytes in every JVM: the fingerprints (canonical JSON of the model),
 * plan.json and plan.sql. Hash sets iterate in an order salted per JVM run, so only separate processes show it.
 */
class PlanDeterminismIT {

    private static final int MAJOR = 18;

    /** Roles are the server's: created once, whichever test gets there first. */
    static final String ROLES = "DO $$ BEGIN CREATE ROLE det_reader; CREATE ROLE det_writer; CREATE ROLE det_auditor;"
            + " EXCEPTION WHEN duplicate_object THEN NULL; END $$;";

    static final String CURRENT = """
            CREATE TABLE customers (id int PRIMARY KEY, name text, region text);
            CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, amount int, note text);
            INSERT INTO customers VALUES (1, 'a', 'eu');
            INSERT INTO orders VALUES (1, 1, 5, 'n');
            """;

    /** Views over joins, composite types of composite types, domains used by many, policies, grants. */
    static final String DESIRED = """
            CREATE DOMAIN positive AS numeric CHECK (VALUE > 0);
            CREATE DOMAIN code AS text CHECK (length(VALUE) < 10);
            CREATE TYPE money_t AS (amount positive, currency code);
            CREATE TYPE line_t AS (price money_t, qty int, code code);
            CREATE TYPE invoice_t AS (a line_t, b line_t, total money_t);
            CREATE TABLE regions (code code PRIMARY KEY, name text);
            CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, region code REFERENCES regions, vip code);
            CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, amount smallint NOT NULL,
                price positive, code code, line line_t);
            CREATE VIEW order_totals AS SELECT c.id, c.name, c.region, o.amount, o.price, o.code, r.name AS region_name
                FROM customers c JOIN orders o ON o.customer_id = c.id JOIN regions r ON r.code = c.region;
            CREATE VIEW big_orders AS SELECT id, name, region_name FROM order_totals WHERE amount > 10;
            ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
            CREATE POLICY readers ON orders FOR SELECT TO det_reader, det_writer, det_auditor USING (amount > 0);
            GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO det_reader, det_writer;
            GRANT SELECT (name, region) ON customers TO det_auditor;
            GRANT USAGE ON TYPE line_t TO det_reader, det_writer;
            COMMENT ON VIEW big_orders IS 'over a view over joins';
            """;

    @Test
    void twoJvmsWriteTheSameFingerprintsPlanAndDownSection() throws Exception {
        TestDatabase current = TestPostgres.freshDatabase(MAJOR);
        TestDatabase desired = TestPostgres.freshDatabase(MAJOR);
        current.execute(ROLES);
        current.execute(CURRENT);
        desired.execute(DESIRED);

        String first = runMain(current, desired);
        String second = runMain(current, desired);

        assertEquals(first, second, "two JVMs wrote different plans");
        assertTrue(first.contains("\"hazards\" : [ \"TABLE_REWRITE\", \"LONG_LOCK\", \"VALIDATION_SCAN\" ]"), first);
        assertTrue(first.contains("CREATE VIEW \"public\".\"big_orders\""), first);
    }

    /**
     * The same in one JVM, where it never fails by chance: every set and map in a model read from a database, and in
     * a plan of it, is sorted.
     */
    @Test
    void everySetAndMapInTheModelAndThePlanIsSorted() throws Exception {
        TestDatabase desired = TestPostgres.freshDatabase(MAJOR);
        desired.execute(ROLES);
        desired.execute(DESIRED);
        SchemaModel model;
        try (Connection c = desired.connect()) {
            model = new CatalogReader().read(c, List.of("public"), Set.of());
        }
        List<String> unsorted = new ArrayList<>();
        walk(model, "model", unsorted);
        walk(SqlRenderer.renderAll(SchemaDiff.between(SchemaModel.empty(), model)), "plan", unsorted);
        assertEquals(List.of(), unsorted);
        assertEquals("[public.customers, public.customers.id, public.customers.name, public.customers.region,"
                + " public.orders, public.orders.amount, public.orders.code, public.orders.customer_id,"
                + " public.orders.price, public.regions, public.regions.code, public.regions.name]", model.views().get(QualifiedName.of("public", "order_totals")).dependsOn().toString(),
                "a set large enough that an unsorted one would show");
    }

    /** Collects the paths of sets and maps that are not sorted, through records, collections and maps. */
    private static void walk(Object value, String path, List<String> unsorted) throws Exception {
        if (value instanceof Set<?> set && !(set instanceof SortedSet<?>) && set.size() > 1) {
            unsorted.add(path + " (" + set.getClass().getName() + ")");
        }
        if (value instanceof Map<?, ?> map && !(map instanceof SortedMap<?, ?>) && map.size() > 1) {
            unsorted.add(path + " (" + map.getClass().getName() + ")");
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                walk(element, path + "[" + i++ + "]", unsorted);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "[" + e.getKey() + "]", unsorted);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                walk(component.getAccessor().invoke(record), path + "." + component.getName(), unsorted);
            }
        }
    }

    private static String runMain(TestDatabase current, TestDatabase desired) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), PlanOutputMain.class.getName(),
                current.url() + "?user=postgres", desired.url() + "?user=postgres", "public"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
