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
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schema-diff conformance corpus ({@code ../shared/conformance/pgschema}): for every case, old.sql into A,
 * new.sql into B, diff A → B applied to A must make A's schema equal B's, and a second diff must be empty. Then the
 * reverse diff (what a generated migration's down section holds) applied to A must bring back the old schema.
 * Runs on every major of {@code -Dpostkit.test.conformanceMajors} (15 and 18 by default).
 *
 * <p>A ratchet: {@code conformance/known-failures.txt} lists the cases the engine cannot pass yet. A failure of
 * any other case fails the build (a regression), and so does a listed case that passes: the list only shrinks.
 */
class ConformanceIT {

    private static final String SYSTEM_SCHEMAS = "nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'";

    enum Outcome { PASSED, FAILED, SKIPPED }

    record Result(ConformanceCase testCase, Outcome outcome, String reason) {
    }

    @Test
    void corpusConverges() throws Exception {
        Path corpus = Path.of(System.getProperty("postkit.test.shared", "../../shared"))
                .resolve("conformance/pgschema");
        Assumptions.assumeTrue(Files.isDirectory(corpus),
                "skipped: the conformance corpus is not at " + corpus.toAbsolutePath() + " (../shared is absent)");
        StringBuilder problems = new StringBuilder();
        for (int major : conformanceMajors()) {
            ensureRole(major, "testuser");
            List<Result> results = new ArrayList<>();
            for (ConformanceCase testCase : ConformanceCase.all(corpus)) {
                results.add(run(major, testCase));
            }
            problems.append(report(major, results));
        }
        if (!problems.isEmpty()) {
            fail(problems.toString());
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
            return new Result(testCase, Outcome.SKIPPED, "cannot load on PostgreSQL " + major + ": "
                    + firstLine(e.getMessage()));
        }
        try {
            return converge(testCase, a, b);
        } catch (PostkitException | SQLException | AssertionError e) {
            return new Result(testCase, Outcome.FAILED, firstLine(e.getMessage()));
        } finally {
            a.drop();
            b.drop();
        }
    }

    private Result converge(ConformanceCase testCase, TestDatabase a, TestDatabase b) throws SQLException {
        Set<String> schemas = new TreeSet<>(schemas(a));
        schemas.addAll(schemas(b));
        List<String> unsupported = new ArrayList<>(unsupported(a, schemas));
        unsupported.addAll(unsupported(b, schemas));
        if (!unsupported.isEmpty()) {
            return new Result(testCase, Outcome.FAILED, "not managed yet: " + String.join(", ",
                    new TreeSet<>(unsupported)));
        }
        // A stands for a clone and B for a shadow: both hold definitions re-created from their printed text.
        for (TestDatabase db : List.of(a, b)) {
            try (Connection c = db.connect()) {
                DefinitionRoundTrip.apply(c, schemas);
            }
        }
        SchemaModel old = read(a, schemas);
        SchemaModel desired = read(b, schemas);
        apply(a, SqlRenderer.renderAll(SchemaDiff.between(old, desired)));
        SchemaModel migrated = read(a, schemas);
        if (!sameIgnoringColumnOrder(migrated, desired)) {
            return new Result(testCase, Outcome.FAILED, "schemas differ after applying the plan");
        }
        if (!SchemaDiff.between(migrated, desired).isEmpty()) {
            return new Result(testCase, Outcome.FAILED, "a second diff is not empty");
        }
        try {
            apply(a, SqlRenderer.renderAll(SchemaDiff.between(migrated, old)));
        } catch (SQLException e) {
            return new Result(testCase, Outcome.FAILED, "the down migration fails: " + firstLine(e.getMessage()));
        }
        SchemaModel restored = read(a, schemas);
        if (!sameIgnoringColumnOrder(restored, old) || !SchemaDiff.between(restored, old).isEmpty()) {
            return new Result(testCase, Outcome.FAILED, "the down migration does not restore the old schema");
        }
        return new Result(testCase, Outcome.PASSED, "");
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

    /** Prints the tally and every failure; returns what should fail the build (empty when nothing). */
    private String report(int major, List<Result> results) throws IOException {
        Set<String> known = knownFailures();
        Map<Outcome, Long> tally = results.stream().collect(Collectors.groupingBy(Result::outcome,
                Collectors.counting()));
        StringBuilder text = new StringBuilder("Conformance on PostgreSQL " + major + ": ");
        text.append(tally.getOrDefault(Outcome.PASSED, 0L)).append(" passed, ")
                .append(tally.getOrDefault(Outcome.FAILED, 0L)).append(" failed, ")
                .append(tally.getOrDefault(Outcome.SKIPPED, 0L)).append(" skipped");
        List<String> regressions = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        for (Result r : results) {
            if (r.outcome() == Outcome.FAILED) {
                text.append("\n  FAILED  ").append(r.testCase().name()).append(": ").append(r.reason());
                if (!known.contains(r.testCase().name())) {
                    regressions.add(r.testCase().name() + ": " + r.reason());
                }
            } else if (r.outcome() == Outcome.SKIPPED) {
                text.append("\n  SKIPPED ").append(r.testCase().name()).append(": ").append(r.reason());
            } else if (known.contains(r.testCase().name())) {
                fixed.add(r.testCase().name());
            }
        }
        System.out.println(text);
        StringBuilder problems = new StringBuilder();
        if (!regressions.isEmpty()) {
            problems.append("PostgreSQL ").append(major)
                    .append(": conformance cases failing that are not in conformance/known-failures.txt:\n  ")
                    .append(String.join("\n  ", regressions)).append('\n');
        }
        if (!fixed.isEmpty()) {
            problems.append("PostgreSQL ").append(major)
                    .append(": conformance cases now passing: remove them from conformance/known-failures.txt:\n  ")
                    .append(String.join("\n  ", fixed)).append('\n');
        }
        return problems.toString();
    }

    private static Set<String> knownFailures() throws IOException {
        try (InputStream in = ConformanceIT.class.getResourceAsStream("/conformance/known-failures.txt")) {
            if (in == null) {
                return Set.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        }
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
