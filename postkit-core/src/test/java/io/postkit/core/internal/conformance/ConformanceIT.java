package io.postkit.core.internal.conformance;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.internal.shadow.DefinitionRoundTrip;
import io.postkit.core.testing.CatalogDescription;
import io.postkit.core.testing.CatalogOracle;
import io.postkit.core.testing.RatchetFile;
import io.postkit.core.testing.SharedDirectory;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schema-diff conformance corpus ({@code ../shared/conformance/pgschema}): for every case, old.sql into A,
 * new.sql into B, diff A → B applied to A must make A's schema equal B's, and a second diff must be empty. Then the
 * reverse diff (what a generated migration's down section holds) applied to A must bring back the old schema.
 * Runs on every major of {@code -Dpostkit.test.conformanceMajors} (15 and 18 by default).
 *
 * <p>"Equal" is judged twice: by the engine's own model ({@code CatalogReader}), and by {@link CatalogOracle}, a
 * description of the catalog in SQL alone that sees what the model does not (column order aside on both, as
 * docs/design.md says).
 *
 * <p>Three ratchets, each failing the build when what it lists and what happens differ either way:
 * {@code conformance/known-failures.txt} (cases the engine cannot pass yet), {@code conformance/known-skips.txt}
 * (cases that cannot load on a major, e.g. for want of pgvector) and {@code oracle/conformance.txt} (differences the
 * oracle sees after a plan is applied). Without ../shared the test is skipped, or fails under {@code CI=true}.
 */
class ConformanceIT {

    private static final String SYSTEM_SCHEMAS = "nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'";

    enum Outcome { PASSED, FAILED, SKIPPED }

    /** @param oracle the oracle's differences, as entries of {@code oracle/conformance.txt} */
    record Result(int major, ConformanceCase testCase, Outcome outcome, String reason, List<String> oracle) {
    }

    @Test
    void corpusConverges() throws Exception {
        Path corpus = SharedDirectory.require("conformance/pgschema");
        List<ConformanceCase> cases = ConformanceCase.all(corpus);
        List<Result> all = new ArrayList<>();
        for (int major : conformanceMajors()) {
            ensureRole(major, "testuser");
            List<Result> results = new ArrayList<>();
            for (ConformanceCase testCase : cases) {
                results.add(run(major, testCase));
            }
            report(major, results);
            all.addAll(results);
        }
        String problems = ratchets(all, conformanceMajors());
        if (!problems.isEmpty()) {
            fail(problems);
        }
    }

    private static List<Integer> conformanceMajors() {
        String majors = System.getProperty("postkit.test.conformanceMajors", "15,18");
        if (majors.isBlank() || majors.startsWith("${")) {
            majors = "15,18";
        }
        return java.util.Arrays.stream(majors.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    private Result run(int major, ConformanceCase testCase) throws Exception {
        TestDatabase a = TestPostgres.freshDatabase(major);
        TestDatabase b = TestPostgres.freshDatabase(major);
        try {
            for (TestDatabase db : List.of(a, b)) {
                if (testCase.setupSql().isPresent()) {
                    db.execute(testCase.setupSql().get());
                }
            }
            a.execute(testCase.oldSql());
            b.execute(testCase.newSql());
        } catch (SQLException e) {
            a.drop();
            b.drop();
            return new Result(major, testCase, Outcome.SKIPPED, "cannot load on PostgreSQL " + major + ": "
                    + firstLine(e.getMessage()), List.of());
        }
        List<String> oracle = new ArrayList<>();
        try {
            String failure = converge(major, testCase, a, b, oracle);
            return new Result(major, testCase, failure == null ? Outcome.PASSED : Outcome.FAILED,
                    failure == null ? "" : failure, oracle);
        } catch (PostkitException | SQLException | AssertionError e) {
            return new Result(major, testCase, Outcome.FAILED, firstLine(e.getMessage()), oracle);
        } finally {
            a.drop();
            b.drop();
        }
    }

    /**
     * Applies the plan and then the reverse plan to A, checking each with the engine's model and the oracle.
     *
     * @return the first check the engine failed, or null; the oracle's differences go to {@code oracle}
     */
    private String converge(int major, ConformanceCase testCase, TestDatabase a, TestDatabase b, List<String> oracle)
            throws SQLException {
        Set<String> schemas = new TreeSet<>(schemas(a));
        schemas.addAll(schemas(b));
        List<String> unsupported = new ArrayList<>(unsupported(a, schemas));
        unsupported.addAll(unsupported(b, schemas));
        if (!unsupported.isEmpty()) {
            return "not managed yet: " + String.join(", ", new TreeSet<>(unsupported));
        }
        // A stands for a clone and B for a shadow: both hold definitions re-created from their printed text.
        for (TestDatabase db : List.of(a, b)) {
            try (Connection c = db.connect()) {
                DefinitionRoundTrip.apply(c, schemas);
            }
        }
        SchemaModel old = read(a, schemas);
        SchemaModel desired = read(b, schemas);
        CatalogDescription oldDescription = describe(a, schemas);
        CatalogDescription desiredDescription = describe(b, schemas);
        List<String> failures = new ArrayList<>();

        apply(a, SqlRenderer.renderAll(SchemaDiff.between(old, desired)));
        oracle.addAll(RatchetFile.entries(describe(a, schemas).differencesFrom(desiredDescription), major,
                testCase.name(), "up"));
        SchemaModel migrated = read(a, schemas);
        if (!sameIgnoringColumnOrder(migrated, desired)) {
            failures.add("schemas differ after applying the plan");
        }
        if (!SchemaDiff.between(migrated, desired).isEmpty()) {
            failures.add("a second diff is not empty");
        }
        try {
            apply(a, SqlRenderer.renderAll(SchemaDiff.between(migrated, old)));
        } catch (SQLException e) {
            failures.add("the down migration fails: " + firstLine(e.getMessage()));
            return failures.get(0);
        }
        oracle.addAll(RatchetFile.entries(describe(a, schemas).differencesFrom(oldDescription), major,
                testCase.name(), "down"));
        SchemaModel restored = read(a, schemas);
        if (!sameIgnoringColumnOrder(restored, old) || !SchemaDiff.between(restored, old).isEmpty()) {
            failures.add("the down migration does not restore the old schema");
        }
        return failures.isEmpty() ? null : failures.get(0);
    }

    private static CatalogDescription describe(TestDatabase db, Set<String> schemas) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogOracle.describe(c, schemas).withoutTableColumnOrder();
        }
    }

    private static void apply(TestDatabase db, List<PlannedStatement> plan) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (PlannedStatement statement : plan) {
                s.execute(statement.sql());
            }
            c.commit();
        }
    }

    /** The corpus allows column order to differ (ADD COLUMN appends). */
    private static boolean sameIgnoringColumnOrder(SchemaModel x, SchemaModel y) {
        return normalized(x).equals(normalized(y));
    }

    private static SchemaModel normalized(SchemaModel model) {
        Map<io.postkit.core.internal.model.QualifiedName, Table> tables = new TreeMap<>();
        for (Table t : model.tables().values()) {
            List<Column> columns = t.columns().stream().sorted(Comparator.comparing(Column::name)).toList();
            tables.put(t.name(), t.withColumns(columns));
        }
        return model.withTables(tables);
    }

    /** Prints the tally, every failure, skip and oracle difference of one major. */
    private static void report(int major, List<Result> results) {
        Map<Outcome, Long> tally = results.stream().collect(Collectors.groupingBy(Result::outcome,
                Collectors.counting()));
        long oracle = results.stream().filter(r -> !r.oracle().isEmpty()).count();
        StringBuilder text = new StringBuilder("Conformance on PostgreSQL " + major + ": ");
        text.append(tally.getOrDefault(Outcome.PASSED, 0L)).append(" passed, ")
                .append(tally.getOrDefault(Outcome.FAILED, 0L)).append(" failed, ")
                .append(tally.getOrDefault(Outcome.SKIPPED, 0L)).append(" skipped; ")
                .append(oracle).append(" with differences the oracle sees");
        for (Result r : results) {
            if (r.outcome() != Outcome.PASSED) {
                text.append("\n  ").append(r.outcome()).append(' ').append(r.testCase().name()).append(": ")
                        .append(r.reason());
            }
            r.oracle().forEach(entry -> text.append("\n  ORACLE  ").append(entry));
        }
        System.out.println(text);
    }

    /**
     * The three lists against what happened, for the majors that ran. Known failures are listed by case name
     * alone: a listed case is fixed when it fails on no major where it loaded.
     */
    private static String ratchets(List<Result> results, List<Integer> majors) {
        StringBuilder problems = new StringBuilder();
        Set<String> failed = new TreeSet<>();
        Set<String> loaded = new TreeSet<>();
        Set<String> skipped = new TreeSet<>();
        List<String> oracle = new ArrayList<>();
        for (Result r : results) {
            String name = r.testCase().name();
            switch (r.outcome()) {
                case FAILED -> failed.add(name);
                case SKIPPED -> skipped.add(r.major() + " | " + name);
                default -> { }
            }
            if (r.outcome() != Outcome.SKIPPED) {
                loaded.add(name);
            }
            oracle.addAll(r.oracle());
        }
        problems.append(section("Conformance cases failing", RatchetFile.load("conformance/known-failures.txt")
                .compare(failed, loaded::contains)));
        Predicate<String> ran = entry -> majors.contains(Integer.valueOf(entry.substring(0, entry.indexOf(' '))));
        problems.append(section("Conformance cases that cannot load",
                RatchetFile.load("conformance/known-skips.txt").compare(skipped, ran)));
        problems.append(section("Differences the catalog oracle sees after a plan or its reverse is applied",
                RatchetFile.load("oracle/conformance.txt").compare(oracle, ran)));
        return problems.toString();
    }

    private static String section(String title, String problems) {
        return problems.isEmpty() ? "" : title + ": " + problems;
    }

    private static SchemaModel read(TestDatabase db, Set<String> schemas) throws SQLException {
        try (Connection c = db.connect()) {
            return new CatalogReader().read(c, schemas, Set.of());
        }
    }

    private static List<String> unsupported(TestDatabase db, Set<String> schemas) throws SQLException {
        try (Connection c = db.connect()) {
            return new CatalogReader().unsupportedObjects(c, schemas);
        }
    }

    private static List<String> schemas(TestDatabase db) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE " + SYSTEM_SCHEMAS)) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    private static void ensureRole(int major, String role) throws SQLException {
        try (Connection c = TestPostgres.server(major).connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}
