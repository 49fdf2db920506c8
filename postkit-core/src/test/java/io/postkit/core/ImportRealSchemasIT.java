package io.postkit.core;

import io.postkit.core.api.Confirmation;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.internal.plan.PlanText;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.PGConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code import} on public real-world schemas of 100+ tables: each is loaded into a database, imported, and a new
 * session on it must plan nothing. GitLab's comes from {@code ../shared/bench-schemas}; the others are fetched from
 * Maven Central and Debian by {@code bench/fetch-schemas.sh} into {@code bench/.work/schemas} (third-party schemas
 * are not committed). A missing schema skips its case with a message, and fails it under {@code CI=true}.
 *
 * <p>{@code src/test/resources/import/known-failures.txt} is a ratchet: a case listed there (with the reason, an
 * engine defect) is expected to fail; the build fails when a listed case passes, or an unlisted one fails.
 */
class ImportRealSchemasIT {

    /**
     * One schema: where its SQL is, and the schemas it manages.
     *
     * @param file relative to {@code ../shared/bench-schemas} when shared, else to {@code bench/.work/schemas}
     */
    record Case(String name, boolean shared, String file, List<String> schemas) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("gitlab", true, "gitlab-structure.sql",
                        List.of("public", "gitlab_partitions_static", "gitlab_partitions_dynamic")),
                new Case("zabbix", false, "zabbix-6.0.sql", List.of("public")),
                new Case("chado", false, "chado-1.31.sql", List.of("public", "genetic_code", "so", "frange")),
                new Case("ledgersmb", false, "ledgersmb-1.6.sql", List.of("public")));
    }

    /** The cases to run: all, or those {@code -Dpostkit.test.realSchemaCases=a,b} names (while working on one). */
    static List<Case> selectedCases() {
        String only = System.getProperty("postkit.test.realSchemaCases", "");
        return cases().stream().filter(c -> only.isBlank() || List.of(only.split(",")).contains(c.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectedCases")
    void anImportedRealSchemaPlansNothingInANewSession(Case schema) throws Exception {
        Path sql = locate(schema);
        String knownFailure = knownFailures().get(schema.name());
        String problem = importAndPlan(schema, Files.readString(sql));
        if (knownFailure == null && problem != null) {
            fail(schema.name() + ": " + problem);
        }
        if (knownFailure != null && problem == null) {
            fail(schema.name() + " is listed in import/known-failures.txt (" + knownFailure + ") but passes now:"
                    + " remove it from the list.");
        }
        if (knownFailure != null) {
            System.out.println("ImportRealSchemasIT: " + schema.name() + " fails as known (" + knownFailure + "):\n"
                    + problem);
        }
    }

    /** What went wrong, or null when the imported schema plans nothing. */
    private static String importAndPlan(Case schema, String sql) throws Exception {
        int major = TestPostgres.majors().stream().max(Integer::compare).orElseThrow();
        TestDatabase source = TestPostgres.freshDatabase(major);
        try {
            long started = System.nanoTime();
            load(source, sql);
            long loaded = System.nanoTime();
            TestProject project = TestProject.create("import-" + schema.name(), source);
            Workspace workspace = project.confirmingWorkspace(PostkitLog.SILENT, schema.schemas(),
                    Confirmation.BATCH);
            ImportCommand.Result result = new ImportCommand(workspace, ImportCommandIT.CLOCK)
                    .run(new ImportCommand.Request(null, false, true));
            long imported = System.nanoTime();
            new StartCommand(workspace, ImportCommandIT.CLOCK).run(null);
            try {
                PlanDocument plan = new PlanCommand(workspace, ImportCommandIT.CLOCK).run();
                System.out.printf("ImportRealSchemasIT: %s on PostgreSQL %d: %d files; load %.1f s, import %.1f s,"
                                + " start + plan %.1f s%n", schema.name(), major, result.files().size(),
                        seconds(started, loaded), seconds(loaded, imported), seconds(imported, System.nanoTime()));
                return plan.isEmpty() ? null : "a new session after import plans " + plan.statements().size()
                        + " statement(s); first:\n" + PlanText.sql(plan.statements().subList(0,
                        Math.min(10, plan.statements().size())));
            } finally {
                new AbortCommand(workspace).run();
            }
        } catch (RuntimeException e) {
            return e.toString();
        } finally {
            source.drop();
        }
    }

    /**
     * Runs a schema script as psql would, as far as these schemas need: {@code \echo} lines are skipped and the
     * rows after {@code COPY … FROM stdin;} (up to {@code \.}) are copied in.
     */
    private static void load(TestDatabase db, String sql) throws SQLException, IOException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            StringBuilder pending = new StringBuilder();
            StringBuilder rows = null;
            String copy = null;
            for (String line : sql.split("\n", -1)) {
                if (copy != null) {
                    if (line.equals("\\.")) {
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(rows.toString()));
                        copy = null;
                    } else {
                        rows.append(line).append('\n');
                    }
                } else if (COPY_FROM_STDIN.matcher(line).matches()) {
                    if (!pending.toString().isBlank()) {
                        s.execute(pending.toString());
                    }
                    pending.setLength(0);
                    copy = line.substring(0, line.lastIndexOf(';'));
                    rows = new StringBuilder();
                } else if (!line.startsWith("\\echo")) {
                    pending.append(line).append('\n');
                }
            }
            s.execute(pending.toString());
        }
    }

    private static Path locate(Case schema) {
        Path dir = schema.shared()
                ? Path.of(System.getProperty("postkit.test.shared", "../../shared")).resolve("bench-schemas")
                : Path.of(System.getProperty("postkit.test.realSchemas", "../bench/.work/schemas"));
        Path file = dir.resolve(schema.file());
        if (!Files.isRegularFile(file)) {
            String message = "ImportRealSchemasIT: the " + schema.name() + " schema is not at "
                    + file.toAbsolutePath() + (schema.shared() ? " (../shared is absent)"
                    : " (run bash bench/fetch-schemas.sh)");
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; under CI=true every real schema must be there.");
            }
            System.out.println(message + "; skipped.");
            Assumptions.abort(message);
        }
        return file;
    }

    /** Case name → reason, from {@code import/known-failures.txt} ({@code name: reason}; # comments). */
    private static Map<String, String> knownFailures() throws IOException {
        Map<String, String> known = new TreeMap<>();
        try (InputStream in = ImportRealSchemasIT.class.getResourceAsStream("/import/known-failures.txt")) {
            assertTrue(in != null, "src/test/resources/import/known-failures.txt is missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    int colon = entry.indexOf(':');
                    assertTrue(colon > 0, "known-failures.txt: 'name: reason' expected, got: " + entry);
                    known.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
                }
            }
        }
        assertEquals(List.of(), known.keySet().stream().filter(n -> cases().stream()
                .noneMatch(c -> c.name().equals(n))).toList(), "known-failures.txt lists cases that do not exist");
        return known;
    }

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?i)COPY .* FROM stdin.*;\\s*");

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
