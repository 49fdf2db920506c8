package io.postkit.core.internal.bench;

import io.postkit.core.api.Machine;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.catalog.CatalogQueryTimes;
import io.postkit.core.internal.catalog.CatalogReader;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.diff.SchemaDiff;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerSettings;
import io.postkit.core.internal.embedded.ServerUser;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import io.postkit.core.testing.DirectoryBinaries;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The schema-plan benchmark (SPEC §7: the plan engine on GitLab's schema under 2 s, within a 512 MB heap, faster
 * than migra). Not a test: run it with {@code bash bench/schema-plan.sh}, which builds the classpath and installs
 * migra. See docs/benchmarks.md.
 *
 * <p>It starts its own embedded PostgreSQL, makes {@code gl_empty} (only the extensions GitLab uses), {@code gl_old}
 * (GitLab's structure.sql) and
 * {@code gl_new} (gl_old plus bench/gitlab-changes.sql), then for two scenarios (empty → gitlab, gitlab →
 * gitlab+changes) runs, interleaved in every iteration: postkit's plan engine in this JVM (phases timed
 * separately), the same plan as a whole fresh JVM process ({@code --plan-once}), and migra as a whole process.
 */
public final class SchemaPlanBenchmark {

    static final List<String> SCHEMAS = List.of("public", "gitlab_partitions_static", "gitlab_partitions_dynamic");

    private static final String RESULT_PREFIX = "POSTKIT-BENCH-RESULT ";

    /** What gl_empty holds: the extensions GitLab's structure.sql creates, which postkit treats as infra. */
    static final String INFRA = "CREATE EXTENSION IF NOT EXISTS btree_gist; CREATE EXTENSION IF NOT EXISTS pg_trgm";

    record Scenario(String name, String from, String to) {
    }

    /** One in-process (or child-process) plan; times in seconds, NaN when the phase did not run. */
    record PlanSample(double read, double diff, double render, double reverse,
                      int statements, long peakHeap, long retainedHeap, String error) {

        double total() {
            return read + diff + render;
        }

        String encode() {
            return String.format(Locale.ROOT, "read=%s diff=%s render=%s reverse=%s"
                            + " statements=%d peakHeap=%d retainedHeap=%d error=%s", read, diff,
                    render, reverse, statements, peakHeap, retainedHeap,
                    error == null ? "-" : error.replace('\n', ' ').replace('\r', ' '));
        }

        static PlanSample decode(String line) {
            Map<String, String> v = new LinkedHashMap<>();
            String body = line.substring(RESULT_PREFIX.length());
            int errorAt = body.indexOf(" error=");
            String error = body.substring(errorAt + " error=".length());
            for (String part : body.substring(0, errorAt).split(" ")) {
                int eq = part.indexOf('=');
                v.put(part.substring(0, eq), part.substring(eq + 1));
            }
            return new PlanSample(Double.parseDouble(v.get("read")), Double.parseDouble(v.get("diff")), Double.parseDouble(v.get("render")),
                    Double.parseDouble(v.get("reverse")), Integer.parseInt(v.get("statements")),
                    Long.parseLong(v.get("peakHeap")), Long.parseLong(v.get("retainedHeap")),
                    error.equals("-") ? null : error);
        }
    }

    /** A whole process: wall time, and what it printed when it failed. */
    record ProcessSample(double seconds, int exitCode, int statements, String error, PlanSample inner) {
    }

    static final class Results {
        final List<PlanSample> inProcess = new ArrayList<>();
        PlanSample firstInProcess;
        final List<ProcessSample> postkitProcess = new ArrayList<>();
        final List<ProcessSample> migra = new ArrayList<>();
        String postkitError;
        String migraError;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--plan-once")) {
            planOnce(args[1], args[2]);
            return;
        }
        Options options = Options.parse(args);
        new SchemaPlanBenchmark(options).run();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private final Options options;
    private final StringBuilder report = new StringBuilder();

    private SchemaPlanBenchmark(Options options) {
        this.options = options;
    }

    private void run() throws Exception {
        Files.createDirectories(options.work);
        Path dataDir = options.work.resolve("pg" + options.major);
        if (options.fresh && Files.exists(dataDir) && EmbeddedPostgres.runningPort(dataDir).isEmpty()) {
            // a new cluster too: settings are written at initdb, so an old data directory keeps old ones
            try (java.util.stream.Stream<Path> walk = Files.walk(dataDir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.of(new DirectoryBinaries(options.binaries), options.major,
                dataDir, ServerUser.of(Machine.current(Machine.DEFAULT_OS_USER)),
                ServerSettings.throwawayClone(), PostkitLog.SILENT);
        long started = System.nanoTime();
        RunningServer server = postgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        log("PostgreSQL started on port %d in %.2f s (data directory %s)", server.port(), since(started),
                postgres.dataDir());
        try {
            prepareDatabases(server);
            List<Scenario> scenarios = List.of(
                    new Scenario("empty → gitlab", "gl_empty", "gl_old"),
                    new Scenario("gitlab → gitlab+changes", "gl_old", "gl_new"));
            describe(server, scenarios);
            Map<Scenario, Results> results = new LinkedHashMap<>();
            scenarios.forEach(s -> results.put(s, new Results()));
            int iterations = options.warmup + options.runs;
            for (int i = 0; i < iterations; i++) {
                boolean measured = i >= options.warmup;
                log("-- iteration %d of %d (%s)", i + 1, iterations, measured ? "measured" : "warm-up");
                for (Scenario s : scenarios) {
                    runIteration(server, s, results.get(s), i, measured);
                }
            }
            summarize(scenarios, results);
            queryTimes(server);
            if (options.verify) {
                line("");
                line("## Correctness of the measured plans (not timed)");
                line("");
                line("Each plan applied to a copy of its current side (one transaction, each statement under a savepoint;"
                        + " a new transaction when the lock table is full), then planned again:");
                line("");
                for (Scenario s : scenarios) {
                    line("- %s: %s", s.name(), verify(server, s));
                }
            }
        } finally {
            server.stop();
        }
        String text = report.toString();
        System.out.println();
        System.out.println(text);
        if (options.report != null) {
            Files.writeString(options.report, text);
            log("Report written to %s", options.report);
        }
    }

    // --- databases --------------------------------------------------------------------------------------------------

    private void prepareDatabases(RunningServer server) throws Exception {
        String structure = Files.readString(options.gitlab);
        String changes = Files.readString(options.changes);
        String fingerprint = sha256(structure + "\u0000" + changes).substring(0, 16);
        String marker = "postkit-bench " + fingerprint;
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            if (!options.fresh && marker.equals(databaseComment(c, "gl_new")) && marker.equals(databaseComment(c, "gl_old"))
                    && marker.equals(databaseComment(c, "gl_empty"))) {
                log("Reusing gl_empty, gl_old and gl_new (same structure.sql and change set: %s)", fingerprint);
                return;
            }
            for (String db : List.of("gl_new", "gl_old", "gl_empty")) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
            s.execute("CREATE DATABASE gl_empty");
            s.execute("CREATE DATABASE gl_old");
        }
        // "Empty" as postkit sees it: only infra, here the two extensions GitLab's schema creates (postkit applies
        // infra/ to both sides and never diffs it). migra gets the same database.
        try (Connection c = server.connect("gl_empty"); Statement s = c.createStatement()) {
            s.execute(INFRA);
        }
        long t = System.nanoTime();
        try (Connection c = server.connect("gl_old"); Statement s = c.createStatement()) {
            s.execute(structure);
        } catch (SQLException e) {
            throw new IllegalStateException("Loading " + options.gitlab + " into gl_old failed: " + e.getMessage(), e);
        }
        log("Loaded GitLab's schema into gl_old in %.1f s", since(t));
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE gl_new TEMPLATE gl_old");
        }
        t = System.nanoTime();
        try (Connection c = server.connect("gl_new"); Statement s = c.createStatement()) {
            s.execute(changes);
        } catch (SQLException e) {
            throw new IllegalStateException("Applying " + options.changes + " to gl_new failed: " + e.getMessage(), e);
        }
        log("Applied the change set to gl_new in %.1f s", since(t));
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            // The markers go last: an interrupted preparation is redone on the next run.
            s.execute("COMMENT ON DATABASE gl_empty IS '" + marker + "'");
            s.execute("COMMENT ON DATABASE gl_old IS '" + marker + "'");
            s.execute("COMMENT ON DATABASE gl_new IS '" + marker + "'");
        }
    }

    private static String databaseComment(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void describe(RunningServer server, List<Scenario> scenarios) throws SQLException {
        line("# Schema-plan benchmark results");
        line("");
        line("- run: %s", Instant.now().toString().substring(0, 19) + "Z");
        try (Connection c = server.connect("gl_old"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'),"
                     + " (SELECT count(*) FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace::regnamespace::text"
                     + "   IN ('public', 'gitlab_partitions_static', 'gitlab_partitions_dynamic')),"
                     + " (SELECT count(*) FROM pg_class WHERE relkind IN ('i', 'I') AND relnamespace::regnamespace::text"
                     + "   IN ('public', 'gitlab_partitions_static', 'gitlab_partitions_dynamic'))")) {
            rs.next();
            line("- PostgreSQL %s (embedded, started by the benchmark, tuned for loading: fsync off)", rs.getString(1));
            line("- gl_old: %d tables (incl. partitioned and partitions), %d indexes in the managed schemas",
                    rs.getLong(2), rs.getLong(3));
        }
        line("- machine: %d CPU cores seen by the JVM; %s; benchmark JVM -Xmx%d MB; GC %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        line("- managed schemas: %s", String.join(", ", SCHEMAS));
        line("- iterations: %d warm-up + %d measured; figures are medians of the measured runs", options.warmup,
                options.runs);
        line("- migra: %s", options.migra == null ? "not run (--migra not given)" : options.migra);
        line("");
        for (String db : List.of("gl_old", "gl_new")) {
            try (Connection c = server.connect(db)) {
                List<String> unsupported = new CatalogReader().unsupportedObjects(c, SCHEMAS);
                Map<String, Integer> byKind = new TreeMap<>();
                for (String u : unsupported) {
                    String kind = u.substring(0, u.lastIndexOf(' '));
                    byKind.merge(kind, 1, Integer::sum);
                }
                line("CatalogReader.unsupportedObjects(%s): %d%s", db, unsupported.size(),
                        byKind.isEmpty() ? "" : " — " + byKind);
            } catch (RuntimeException | SQLException e) {
                line("CatalogReader.unsupportedObjects(%s) failed: %s", db, oneLine(e));
            }
        }
        line("");
    }

    // --- one iteration ----------------------------------------------------------------------------------------------

    private void runIteration(RunningServer server, Scenario s, Results r, int iteration, boolean measured)
            throws Exception {
        if (r.postkitError == null) {
            Path planFile = iteration == 0 ? options.work.resolve("postkit-" + s.from() + "-to-" + s.to() + ".sql")
                    : null;
            PlanSample sample = planInProcess(server.jdbcUrl(s.from()), server.jdbcUrl(s.to()), planFile);
            if (iteration == 0) {
                r.firstInProcess = sample;
            }
            if (sample.error() != null) {
                r.postkitError = sample.error();
                log("   %s: postkit FAILED: %s", s.name(), sample.error());
            } else {
                log("   %s: postkit in-process total %.3f s (read %.3f, diff %.3f, render %.3f), %d statements,"
                                + " peak heap %d MB", s.name(), sample.total(), sample.read(), sample.diff(), sample.render(), sample.statements(),
                        sample.peakHeap() >> 20);
                if (measured) {
                    r.inProcess.add(sample);
                }
            }
        }
        if (r.postkitError == null) {
            ProcessSample p = postkitProcess(server.jdbcUrl(s.from()), server.jdbcUrl(s.to()));
            log("   %s: postkit fresh JVM process %.3f s%s", s.name(), p.seconds(),
                    p.error() == null ? "" : " FAILED: " + p.error());
            if (measured) {
                r.postkitProcess.add(p);
            }
        }
        if (options.migra != null) {
            ProcessSample m = migra(server, s);
            log("   %s: migra process %.3f s, exit %d, %d statements%s", s.name(), m.seconds(), m.exitCode(),
                    m.statements(), m.error() == null ? "" : " FAILED: " + m.error());
            if (m.error() != null && r.migraError == null) {
                r.migraError = m.error();
            }
            if (measured) {
                r.migra.add(m);
            }
        }
    }

    /** Catalog read of both sides, diff and render, each timed; peak and retained heap around them. */
    static PlanSample planInProcess(String fromUrl, String toUrl, Path planFile) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double read = Double.NaN;
        double diff = Double.NaN;
        double render = Double.NaN;
        double reverse = Double.NaN;
        String phase = "connect";
        try (Connection from = connect(fromUrl); Connection to = connect(toUrl)) {
            CatalogReader reader = new CatalogReader();
            // Both sides at once, as plan reads them (CatalogReader.readBoth): wall time of the two reads.
            phase = "catalog read of both sides (" + database(fromUrl) + ", " + database(toUrl) + ")";
            long t = System.nanoTime();
            CatalogReader.Sides sides = reader.readBoth(from, to, SCHEMAS, Set.of());
            SchemaModel current = sides.current();
            SchemaModel desired = sides.desired();
            read = since(t);
            phase = "diff";
            t = System.nanoTime();
            List<SchemaChange> changes = SchemaDiff.between(current, desired);
            diff = since(t);
            phase = "render";
            t = System.nanoTime();
            List<PlannedStatement> plan = SqlRenderer.renderAll(changes);
            render = since(t);
            // plan also renders the down migration (desired → current); timed apart, not in the total
            phase = "reverse diff and render";
            t = System.nanoTime();
            List<PlannedStatement> down = SqlRenderer.renderAll(SchemaDiff.between(desired, current));
            reverse = since(t);
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (planFile != null) {
                // outside the timed phases: the plan as SQL, to look at what was measured
                StringBuilder sql = new StringBuilder();
                plan.forEach(st -> sql.append(st.sql()).append(";\n"));
                Files.writeString(planFile, sql);
            }
            System.gc();
            long retained = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            Reference.reachabilityFence(current);
            Reference.reachabilityFence(desired);
            Reference.reachabilityFence(plan);
            Reference.reachabilityFence(down);
            return new PlanSample(read, diff, render, reverse, plan.size(), peak, retained, null);
        } catch (Throwable e) {
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new PlanSample(read, diff, render, reverse, 0, peak, 0,
                    "in " + phase + ": " + oneLine(e) + firstFrames(e));
        }
    }

    /** The child JVM: one plan, its figures printed on one line for the parent. */
    private static void planOnce(String fromUrl, String toUrl) {
        PlanSample sample = planInProcess(fromUrl, toUrl, null);
        System.out.println(RESULT_PREFIX + sample.encode());
        System.exit(sample.error() == null ? 0 : 1);
    }

    private ProcessSample postkitProcess(String fromUrl, String toUrl) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx" + options.childHeap, "-cp",
                System.getProperty("java.class.path"), SchemaPlanBenchmark.class.getName(), "--plan-once", fromUrl,
                toUrl);
        Path out = options.work.resolve("postkit-process.out");
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int exit = p.waitFor();
        double seconds = since(t);
        String output = Files.readString(out);
        PlanSample inner = output.lines().filter(l -> l.startsWith(RESULT_PREFIX)).findFirst()
                .map(PlanSample::decode).orElse(null);
        String error = null;
        if (exit != 0 || inner == null) {
            error = inner != null && inner.error() != null ? inner.error() : "exit " + exit + ": " + head(output, 5);
        }
        return new ProcessSample(seconds, exit, inner == null ? 0 : inner.statements(), error, inner);
    }

    private ProcessSample migra(RunningServer server, Scenario s) throws IOException, InterruptedException {
        String from = "postgresql://postgres@localhost:" + server.port() + "/" + s.from();
        String to = "postgresql://postgres@localhost:" + server.port() + "/" + s.to();
        String file = s.from() + "-to-" + s.to();
        Path out = options.work.resolve("migra-" + file + ".sql");
        Path err = options.work.resolve("migra-" + file + ".err");
        // --unsafe takes an optional value: it goes after the URLs, or it would swallow the first one.
        List<String> command = List.of(options.migra.toString(), from, to, "--unsafe");
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(options.migraTimeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        double seconds = since(t);
        int exit = finished ? p.exitValue() : -1;
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        int statements = (int) stdout.lines().filter(l -> l.stripTrailing().endsWith(";")).count();
        String error = null;
        if (!finished) {
            error = "timed out after " + options.migraTimeoutSeconds + " s";
        } else if (exit != 0) {
            error = "exit " + exit + ": " + head(stderr.isBlank() ? stdout : stderr, 6);
        }
        return new ProcessSample(seconds, exit, statements, error, null);
    }

    /** Where a catalog read of GitLab's schema spends its time: each reader query alone. */
    private void queryTimes(RunningServer server) {
        line("");
        line("## Catalog read of gl_old, query by query (not timed with the above; medians of 3)");
        line("");
        try (Connection c = server.connect("gl_old")) {
            List<CatalogQueryTimes.QueryTime> times = new ArrayList<>(CatalogQueryTimes.measure(c, SCHEMAS, 3));
            times.sort((x, y) -> Double.compare(y.seconds(), x.seconds()));
            line("| CatalogQueries | seconds | rows |");
            line("|---|---:|---:|");
            double sum = 0;
            for (CatalogQueryTimes.QueryTime t : times) {
                if (!t.name().equals("UNSUPPORTED")) {
                    sum += t.seconds();
                }
                line("| %s | %.3f | %d |", t.name(), t.seconds(), t.rows());
            }
            line("| sum of the queries read() runs (all but UNSUPPORTED) | %.3f | |", sum);
        } catch (Exception e) {
            line("measuring the queries failed: %s", oneLine(e));
        }
    }

    /** Applies the scenario's plan to a copy of its current side; is a second plan empty? */
    private static String verify(RunningServer server, Scenario s) {
        String copy = "gl_verify";
        try {
            try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + copy + " TEMPLATE " + s.from());
            }
            SchemaModel desired;
            try (Connection c = server.connect(s.to())) {
                desired = new CatalogReader().read(c, SCHEMAS, Set.of());
            }
            int refused = 0;
            String first = null;
            int transactions = 1;
            String overflow = null;
            int sinceCommit = 0;
            List<PlannedStatement> plan;
            try (Connection c = server.connect(copy); Statement st = c.createStatement()) {
                plan = SqlRenderer.renderAll(SchemaDiff.between(new CatalogReader().read(c, SCHEMAS, Set.of()),
                        desired));
                c.setAutoCommit(false);
                for (int i = 0; i < plan.size(); i++) {
                    PlannedStatement statement = plan.get(i);
                    java.sql.Savepoint savepoint = c.setSavepoint();
                    try {
                        st.execute(statement.sql());
                        c.releaseSavepoint(savepoint);
                        sinceCommit++;
                    } catch (SQLException e) {
                        c.rollback(savepoint);
                        if ("53200".equals(e.getSQLState()) && sinceCommit > 0) {
                            // the lock table is full: note it, commit, and go on in a new transaction
                            if (overflow == null) {
                                overflow = "statement " + (i + 1) + " (" + statement.objectKind() + " "
                                        + statement.objectName() + ")";
                            }
                            c.commit();
                            transactions++;
                            sinceCommit = 0;
                            i--;
                            continue;
                        }
                        refused++;
                        if (first == null) {
                            first = statement.objectKind() + " " + statement.objectName() + ": "
                                    + oneLine(e).replaceFirst("^PSQLException: ", "");
                        }
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                int again = SchemaDiff.between(new CatalogReader().read(c, SCHEMAS, Set.of()), desired).size();
                return String.format(Locale.ROOT, "%d of %d statements applied%s%s; a second plan has %d changes",
                        plan.size() - refused, plan.size(), refused == 0 ? "" : " (" + refused + " refused; first: "
                                + first + ")", overflow == null ? "" : "; it does not fit in one transaction: the lock"
                                + " table overflowed first at " + overflow + ", " + transactions + " transactions"
                                + " were needed", again);
            } finally {
                try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
                }
            }
        } catch (RuntimeException | SQLException e) {
            return "check failed: " + oneLine(e);
        }
    }

    // --- summary ----------------------------------------------------------------------------------------------------

    private void summarize(List<Scenario> scenarios, Map<Scenario, Results> all) {
        line("## postkit plan engine, in one warm JVM (seconds, medians of %d runs)", options.runs);
        line("");
        line("| scenario | read both sides (concurrently) | diff | render | **total** (min–max) | first run, cold | statements"
                + " | peak heap (pool peaks) | live heap after plan | down diff+render |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Scenario s : scenarios) {
            Results r = all.get(s);
            if (r.inProcess.isEmpty()) {
                line("| %s | FAILED: %s ||||||||| ", s.name(), r.postkitError == null ? "no sample" : r.postkitError);
                continue;
            }
            List<PlanSample> x = r.inProcess;
            line("| %s | %.3f | %.3f | %.3f | **%.3f** (%.3f–%.3f) | %.3f | %d | %d MB | %d MB | %.3f |", s.name(),
                    median(x, PlanSample::read), median(x, PlanSample::diff),
                    median(x, PlanSample::render), median(x, PlanSample::total), min(x, PlanSample::total),
                    max(x, PlanSample::total), r.firstInProcess.total(), x.get(0).statements(),
                    (long) median(x, p -> p.peakHeap()) >> 20, (long) median(x, p -> p.retainedHeap()) >> 20,
                    median(x, PlanSample::reverse));
        }
        line("");
        line("## Whole processes, interleaved in the same iterations (seconds, medians of %d runs)", options.runs);
        line("");
        line("| scenario | postkit: fresh JVM -Xmx%s (peak heap) | of which read+diff+render, cold | migra %s"
                + " | migra statements | **migra / postkit process** | **migra / postkit warm total** |",
                options.childHeap, "0.6.1");
        line("|---|---:|---:|---:|---:|---:|---:|");
        for (Scenario s : scenarios) {
            Results r = all.get(s);
            String postkit;
            String cold = "–";
            double postkitSeconds = Double.NaN;
            List<ProcessSample> ok = r.postkitProcess.stream().filter(p -> p.error() == null).toList();
            if (r.postkitError != null) {
                postkit = "FAILED (see above)";
            } else if (ok.isEmpty()) {
                postkit = "FAILED: " + r.postkitProcess.stream().map(ProcessSample::error).findFirst().orElse("?");
            } else {
                postkitSeconds = median(ok, ProcessSample::seconds);
                postkit = String.format(Locale.ROOT, "%.3f (%d MB)", postkitSeconds,
                        (long) median(ok, p -> p.inner().peakHeap()) >> 20);
                cold = String.format(Locale.ROOT, "%.3f", median(ok, p -> p.inner().total()));
            }
            String migra;
            double migraSeconds = Double.NaN;
            List<ProcessSample> migraOk = r.migra.stream().filter(p -> p.error() == null).toList();
            if (options.migra == null) {
                migra = "not run";
            } else if (migraOk.isEmpty()) {
                migra = "FAILED after " + String.format(Locale.ROOT, "%.3f s", median(r.migra, ProcessSample::seconds));
            } else {
                migraSeconds = median(migraOk, ProcessSample::seconds);
                migra = String.format(Locale.ROOT, "%.3f", migraSeconds);
            }
            double warm = r.inProcess.isEmpty() ? Double.NaN : median(r.inProcess, PlanSample::total);
            line("| %s | %s | %s | %s | %s | %s | %s |", s.name(), postkit, cold, migra,
                    migraOk.isEmpty() ? "–" : Integer.toString(migraOk.get(0).statements()),
                    ratio(migraSeconds, postkitSeconds), ratio(migraSeconds, warm));
        }
        line("");
        boolean anyError = false;
        for (Scenario s : scenarios) {
            Results r = all.get(s);
            if (r.postkitError != null) {
                line("- postkit failed on %s: %s", s.name(), r.postkitError);
                anyError = true;
            }
            if (r.migraError != null) {
                line("- migra failed on %s: %s", s.name(), r.migraError);
                anyError = true;
            }
        }
        if (anyError) {
            line("");
        }
        line("Targets (SPEC §7): catalog read of both sides + diff + render of GitLab's schema < 2 s; plan within a 512 MB"
                + " heap; faster than migra.");
    }

    private static String ratio(double numerator, double denominator) {
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "**%.1f×**", numerator / denominator);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ServerSettings.DEFAULT_SUPERUSER);
        props.setProperty("ApplicationName", "postkit-bench");
        return DriverManager.getConnection(url, props);
    }

    private static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static <T> double median(List<T> samples, ToDoubleFunction<T> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static <T> double min(List<T> samples, ToDoubleFunction<T> f) {
        return samples.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static <T> double max(List<T> samples, ToDoubleFunction<T> f) {
        return samples.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s+", " ");
        return e.getClass().getSimpleName() + ": " + message;
    }

    private static String firstFrames(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        StringWriter w = new StringWriter();
        PrintWriter p = new PrintWriter(w);
        for (int i = 0; i < Math.min(3, frames.length); i++) {
            p.print(" | at " + frames[i]);
        }
        p.flush();
        return w.toString();
    }

    private static String head(String text, int lines) {
        return String.join(" | ", text.strip().lines().limit(lines).toList());
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    /** Command-line options; bench/schema-plan.sh passes them all. */
    static final class Options {
        Path binaries;
        int major = 15;
        Path work;
        Path gitlab;
        Path changes;
        Path migra;
        Path report;
        int warmup = 2;
        int runs = 5;
        String childHeap = "512m";
        long migraTimeoutSeconds = 600;
        boolean fresh;
        boolean verify = true;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--binaries" -> o.binaries = Path.of(args[++i]);
                    case "--major" -> o.major = Integer.parseInt(args[++i]);
                    case "--work" -> o.work = Path.of(args[++i]).toAbsolutePath();
                    case "--gitlab" -> o.gitlab = Path.of(args[++i]);
                    case "--changes" -> o.changes = Path.of(args[++i]);
                    case "--migra" -> o.migra = Path.of(args[++i]).toAbsolutePath();
                    case "--report" -> o.report = Path.of(args[++i]);
                    case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
                    case "--runs" -> o.runs = Integer.parseInt(args[++i]);
                    case "--child-heap" -> o.childHeap = args[++i];
                    case "--migra-timeout" -> o.migraTimeoutSeconds = Long.parseLong(args[++i]);
                    case "--fresh" -> o.fresh = true;
                    case "--no-verify" -> o.verify = false;
                    default -> throw new IllegalArgumentException("Unknown option " + a);
                }
            }
            if (o.binaries == null || o.work == null || o.gitlab == null || o.changes == null) {
                throw new IllegalArgumentException("Usage: SchemaPlanBenchmark --binaries DIR --work DIR --gitlab FILE"
                        + " --changes FILE [--major 15] [--migra BIN] [--report FILE] [--warmup 2] [--runs 5]"
                        + " [--child-heap 512m] [--fresh] [--no-verify]");
            }
            if (o.runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
            return o;
        }
    }
}
