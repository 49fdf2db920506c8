package io.postkit.core.internal.catalog;

import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.shadow.DefinitionRoundTrip;
import io.postkit.core.testing.CatalogDescription;
import io.postkit.core.testing.CatalogOracle;
import io.postkit.core.testing.RatchetFile;
import io.postkit.core.testing.SharedDirectory;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine on a real, large schema: GitLab's {@code db/structure.sql} from {@code ../shared/bench-schemas}.
 * Loaded into A; the plan empty → A applied to an empty database B must make B read the same as A, and a second
 * diff must be empty; then the plan A → empty applied to A must leave A empty.
 *
 * <p>Part of every build when {@code ../shared} is there (without it the test is skipped, or fails under
 * {@code CI=true}; {@code -Dpostkit.test.gitlab=false} leaves it out; it takes about 35 s). Runs on the newest major
 * under test. Both results are also judged by {@link CatalogOracle}: its differences must be those
 * {@code oracle/gitlab.txt} lists. It does not stop at
 * the first problem: it lists every check that failed, and every plan statement PostgreSQL refused (each is run
 * under a savepoint, so later statements still run).
 */
class GitLabSchemaIT {

    private static final List<String> SCHEMAS = List.of("public", "gitlab_partitions_static",
            "gitlab_partitions_dynamic");

    /** Infra, not state: postkit applies {@code infra/} to both sides before a plan. */
    private static final String INFRA = "CREATE EXTENSION IF NOT EXISTS btree_gist;"
            + " CREATE EXTENSION IF NOT EXISTS pg_trgm;";

    private static final int SHOWN = 15;

    @Test
    void gitLabSchemaIsBuiltFromEmptyAndTornDownAgain() throws Exception {
        Assumptions.assumeFalse("false".equals(System.getProperty("postkit.test.gitlab")), () -> {
            System.out.println("GitLabSchemaIT skipped: -Dpostkit.test.gitlab=false");
            return "skipped: -Dpostkit.test.gitlab=false";
        });
        Path structure = SharedDirectory.require("bench-schemas/gitlab-structure.sql");
        int major = TestPostgres.majors().stream().max(Integer::compare).orElseThrow();
        List<String> problems = new ArrayList<>();
        List<String> oracle = new ArrayList<>();

        TestDatabase a = TestPostgres.freshDatabase(major);
        TestDatabase b = TestPostgres.freshDatabase(major);
        try {
            a.execute(Files.readString(structure));
            b.execute(INFRA);
            // A stands for a shadow database: its definitions re-created from their printed text, as plan does.
            // If it fails, the rest still runs (on definitions as loaded) so that one run shows every problem.
            try (Connection c = a.connect()) {
                DefinitionRoundTrip.apply(c, SCHEMAS);
            } catch (SQLException e) {
                problems.add("DefinitionRoundTrip.apply (the shadow's re-creation of checks, expression and"
                        + " partial indexes, views) fails on the GitLab schema: " + firstLine(e.getMessage()));
            }

            List<String> unsupported;
            try (Connection c = a.connect()) {
                unsupported = new CatalogReader().unsupportedObjects(c, SCHEMAS);
            }
            if (!unsupported.isEmpty()) {
                problems.add("CatalogReader.unsupportedObjects lists " + unsupported.size() + " objects of the"
                        + " GitLab schema, by kind " + countByKind(unsupported) + "; first: "
                        + String.join(", ", unsupported.subList(0, Math.min(SHOWN, unsupported.size()))));
            }

            SchemaModel empty = read(b);
            SchemaModel desired = read(a);
            CatalogDescription emptyDescription = describe(b);
            CatalogDescription desiredDescription = describe(a);
            List<PlannedStatement> build = SqlRenderer.renderAll(SchemaDiff.between(empty, desired));
            System.out.println("GitLabSchemaIT: PostgreSQL " + major + ", plan empty → GitLab: " + build.size()
                    + " statements");
            applyAll(b, build, "empty → GitLab applied to B", problems);

            oracle.addAll(RatchetFile.entries(describe(b).differencesFrom(desiredDescription), major, "gitlab",
                    "build"));
            SchemaModel built = read(b);
            describeDifferences("B after the plan differs from A", built, desired, problems);
            secondDiffEmpty("empty → GitLab", built, desired, problems);
            problems.addAll(leftovers(a, b));

            SchemaModel current = read(a);
            List<PlannedStatement> teardown = SqlRenderer.renderAll(SchemaDiff.between(current, empty));
            System.out.println("GitLabSchemaIT: plan GitLab → empty: " + teardown.size() + " statements");
            applyAll(a, teardown, "GitLab → empty applied to A", problems);
            oracle.addAll(RatchetFile.entries(describe(a).differencesFrom(emptyDescription), major, "gitlab",
                    "teardown"));
            describeDifferences("A after the teardown plan is not empty", read(a), empty, problems);
            problems.addAll(remainingObjects(a));
        } finally {
            a.drop();
            b.drop();
        }
        oracle.forEach(entry -> System.out.println("GitLabSchemaIT oracle: " + entry));
        String unexpected = RatchetFile.load("oracle/gitlab.txt").compare(oracle,
                entry -> entry.startsWith(major + " | "));
        if (!unexpected.isEmpty()) {
            problems.add("the catalog oracle's differences after the plans: " + unexpected);
        }
        if (!problems.isEmpty()) {
            String report = "GitLab schema round trip on PostgreSQL " + major + ": " + problems.size()
                    + " problems\n- " + String.join("\n- ", problems);
            fail(report);
        }
    }

    /**
     * Runs the plan in one transaction, each statement under a savepoint; records every statement refused. When the
     * transaction runs out of lock table ({@code out of shared memory}, SQLSTATE 53200), that is recorded and the
     * rest runs in a new transaction (as often as needed), so that the other problems still show.
     */
    private static void applyAll(TestDatabase db, List<PlannedStatement> plan, String what, List<String> problems)
            throws SQLException {
        List<String> refused = new ArrayList<>();
        int refusedCount = 0;
        int overflows = 0;
        String firstOverflow = null;
        int sinceCommit = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < plan.size(); i++) {
                PlannedStatement statement = plan.get(i);
                if (!statement.transactional()) {
                    c.commit();
                    c.setAutoCommit(true);
                }
                Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
                try {
                    s.execute(statement.sql());
                    if (savepoint != null) {
                        c.releaseSavepoint(savepoint);
                    }
                    sinceCommit++;
                } catch (SQLException e) {
                    if (savepoint != null) {
                        c.rollback(savepoint);
                    }
                    if ("53200".equals(e.getSQLState()) && savepoint != null && sinceCommit > 0) {
                        overflows++;
                        if (firstOverflow == null) {
                            firstOverflow = "statement " + (i + 1) + "/" + plan.size() + " (" + statement.objectKind()
                                    + " " + statement.objectName() + "): " + firstLine(e.getMessage());
                        }
                        c.commit();
                        sinceCommit = 0;
                        i--;
                        continue;
                    }
                    refusedCount++;
                    if (refused.size() < SHOWN) {
                        refused.add("statement " + (i + 1) + "/" + plan.size() + " (" + statement.objectKind() + " "
                                + statement.objectName() + "): " + firstLine(e.getMessage()) + "\n      SQL: "
                                + abbreviate(statement.sql()));
                    }
                }
                if (!statement.transactional()) {
                    c.setAutoCommit(false);
                    sinceCommit = 0;
                }
            }
            c.commit();
        }
        if (overflows > 0) {
            problems.add(what + ": the plan does not fit in one transaction: the lock table (max_locks_per_transaction"
                    + " × max_connections) overflowed first at " + firstOverflow + "; the test committed and went on, "
                    + (overflows + 1) + " transactions in all");
        }
        if (refusedCount > 0) {
            problems.add(what + ": PostgreSQL refused " + refusedCount + " of " + plan.size()
                    + " statements (later ones may fail because of earlier ones); first:\n    "
                    + String.join("\n    ", refused));
        }
    }

    private static void secondDiffEmpty(String what, SchemaModel migrated, SchemaModel desired, List<String> problems) {
        List<SchemaChange> again = SchemaDiff.between(migrated, desired);
        if (!again.isEmpty()) {
            List<String> shown = new ArrayList<>();
            for (SchemaChange change : again.subList(0, Math.min(SHOWN, again.size()))) {
                String text;
                try {
                    text = abbreviate(SqlRenderer.render(change).sql());
                } catch (RuntimeException e) {
                    text = change.toString();
                }
                shown.add(text);
            }
            problems.add(what + ": a second diff is not empty: " + again.size() + " changes; first:\n    "
                    + String.join("\n    ", shown));
        }
    }

    /** Which parts of the models differ, by record component, and the first differing keys of each. */
    private static void describeDifferences(String what, SchemaModel actual, SchemaModel expected,
                                            List<String> problems) throws ReflectiveOperationException {
        if (actual.equals(expected)) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (RecordComponent component : SchemaModel.class.getRecordComponents()) {
            Object x = component.getAccessor().invoke(actual);
            Object y = component.getAccessor().invoke(expected);
            if (Objects.equals(x, y)) {
                continue;
            }
            if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
                parts.add(component.getName() + ": " + mapDifference(mx, my));
            } else if (x instanceof Collection<?> cx && y instanceof Collection<?> cy) {
                parts.add(component.getName() + ": " + setDifference(cx, cy));
            } else {
                parts.add(component.getName() + " differs");
            }
        }
        problems.add(what + ":\n    " + String.join("\n    ", parts));
    }

    private static String mapDifference(Map<?, ?> actual, Map<?, ?> expected) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int missingCount = 0;
        int extraCount = 0;
        int changedCount = 0;
        for (Map.Entry<?, ?> e : expected.entrySet()) {
            if (!actual.containsKey(e.getKey())) {
                missingCount++;
                addShown(missing, String.valueOf(e.getKey()));
            } else if (!Objects.equals(actual.get(e.getKey()), e.getValue())) {
                changedCount++;
                addShown(changed, e.getKey() + " " + componentDifference(actual.get(e.getKey()), e.getValue()));
            }
        }
        for (Object key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                extraCount++;
                addShown(extra, String.valueOf(key));
            }
        }
        return missingCount + " missing " + missing + ", " + extraCount + " extra " + extra + ", " + changedCount
                + " different " + changed;
    }

    private static String setDifference(Collection<?> actual, Collection<?> expected) {
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        int missingCount = 0;
        int extraCount = 0;
        for (Object e : expected) {
            if (!actual.contains(e)) {
                missingCount++;
                addShown(missing, String.valueOf(e));
            }
        }
        for (Object e : actual) {
            if (!expected.contains(e)) {
                extraCount++;
                addShown(extra, String.valueOf(e));
            }
        }
        return missingCount + " missing " + missing + ", " + extraCount + " extra " + extra;
    }

    /** For two records: the names of the components that differ (e.g. a table's columns or indexes). */
    private static String componentDifference(Object actual, Object expected) {
        if (actual == null || expected == null || !actual.getClass().isRecord()
                || actual.getClass() != expected.getClass()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        try {
            for (RecordComponent component : actual.getClass().getRecordComponents()) {
                Object x = component.getAccessor().invoke(actual);
                Object y = component.getAccessor().invoke(expected);
                if (!Objects.equals(x, y)) {
                    names.add(component.getName() + ": " + abbreviate(String.valueOf(x)) + " ≠ expected "
                            + abbreviate(String.valueOf(y)));
                }
            }
        } catch (ReflectiveOperationException e) {
            return "";
        }
        return "(" + String.join("; ", names) + ")";
    }

    private static void addShown(List<String> shown, String item) {
        if (shown.size() < 5) {
            shown.add(item);
        }
    }

    /** Objects in B that A does not have, or the reverse, that the models do not show (unmanaged kinds). */
    private static List<String> leftovers(TestDatabase a, TestDatabase b) throws SQLException {
        Map<String, Long> inA = countObjects(a);
        Map<String, Long> inB = countObjects(b);
        List<String> problems = new ArrayList<>();
        if (!inA.equals(inB)) {
            problems.add("object counts in the managed schemas differ between A and B after the plan"
                    + " (pg_class by relkind, pg_proc, pg_trigger, pg_constraint): A " + inA + ", B " + inB);
        }
        return problems;
    }

    private static List<String> remainingObjects(TestDatabase a) throws SQLException {
        Map<String, Long> left = countObjects(a);
        left.values().removeIf(n -> n == 0);
        return left.isEmpty() ? List.of() : List.of("A is not empty after the teardown plan: " + left);
    }

    /** Objects in the managed schemas that no extension owns, counted by kind, straight from the catalog. */
    private static Map<String, Long> countObjects(TestDatabase db) throws SQLException {
        String managed = "(SELECT oid FROM pg_namespace WHERE nspname IN ('public', 'gitlab_partitions_static',"
                + " 'gitlab_partitions_dynamic'))";
        String notExtension = " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = x.oid AND d.deptype = 'e')";
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 'relkind ' || relkind::text, count(*) FROM pg_class x"
                    + " WHERE relnamespace IN " + managed + notExtension + " GROUP BY relkind")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM pg_proc x WHERE pronamespace IN "
                    + managed + notExtension + "), (SELECT count(*) FROM pg_trigger x JOIN pg_class r ON r.oid ="
                    + " x.tgrelid WHERE NOT x.tgisinternal AND r.relnamespace IN " + managed + "),"
                    + " (SELECT count(*) FROM pg_constraint x WHERE connamespace IN " + managed + notExtension + ")")) {
                rs.next();
                counts.put("routines", rs.getLong(1));
                counts.put("triggers", rs.getLong(2));
                counts.put("constraints", rs.getLong(3));
            }
        }
        return counts;
    }

    private static Map<String, Integer> countByKind(List<String> objects) {
        Map<String, Integer> byKind = new TreeMap<>();
        for (String o : objects) {
            byKind.merge(o.substring(0, o.lastIndexOf(' ')), 1, Integer::sum);
        }
        return byKind;
    }

    /** The whole catalog, by {@link CatalogOracle}: built from empty, tables get their columns in order. */
    private static CatalogDescription describe(TestDatabase db) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = db.connect()) {
            CatalogDescription description = CatalogOracle.describe(c, SCHEMAS);
            System.out.printf("GitLabSchemaIT: the catalog oracle described %s (%d lines) in %.1f s%n", db.name(),
                    description.lines().size(), (System.nanoTime() - started) / 1e9);
            return description;
        }
    }

    private static SchemaModel read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new CatalogReader().read(c, SCHEMAS, Set.of());
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 240 ? flat : flat.substring(0, 240) + "…";
    }

}
