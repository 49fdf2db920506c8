package io.postkit.core.internal.scripts;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.local.SandboxRole;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.sql.Identifiers;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the seed files: idempotent data, run after the grants on every database postkit migrates. On a local database
 * they run in a {@link DefinerSandbox}, with no superuser power. On the clone each file is also run a second time,
 * inside a savepoint that is rolled back, to prove the idempotence: the tables that run writes to (PostgreSQL's
 * per-transaction counters say which) must hold the same rows after it as before.
 */
public final class SeedRunner {

    /** Qualified: on the clone it runs after seed statements, which may have made a temporary view of that name. */
    private static final String WRITE_COUNTS = "SELECT schemaname, relname, n_tup_ins + n_tup_upd + n_tup_del"
            + " FROM pg_catalog.pg_stat_xact_user_tables";
    private static final String ADVICE = "Seeds run after the migrations of every apply and deploy, so they must"
            + " be idempotent: INSERT ... ON CONFLICT DO NOTHING (or DO UPDATE), UPDATE ... WHERE, and the like.";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String FEATURE_NOT_SUPPORTED = "0A000";

    private record SeedFile(String path, List<ScriptStatement> statements) {
    }

    /** Runs one statement of a seed file, as whom the caller chose. */
    @FunctionalInterface
    private interface Executor {
        void execute(String sql) throws SQLException;
    }

    /** Makes the session safe for postkit's own queries again after seed statements ran in it. */
    @FunctionalInterface
    private interface Settle {
        void run() throws SQLException;
    }

    /** How the seeds of one {@link #run(Connection, ScriptTarget)} run. */
    private record Runner(Connection c, Executor executor, Settle settle, String sandboxAdvice) {
    }

    private final List<SeedFile> files;
    private final List<String> schemas;
    private final PostkitLog log;

    /** @param schemas the managed schemas: on a local database, the seeds may write the rows of their tables */
    public SeedRunner(List<SchemaFile> files, List<String> schemas, PostkitLog log) {
        this.files = files.stream().map(f -> new SeedFile(f.path(), SqlScript.split(f.content(), f.path())))
                .toList();
        this.schemas = List.copyOf(schemas);
        this.log = log;
    }

    public boolean isEmpty() {
        return files.stream().allMatch(f -> f.statements().isEmpty());
    }

    /**
     * Runs every seed file on {@code c}, which must be in a transaction (not auto-commit): the caller commits, and
     * rolls back when this throws, which takes the sandbox of a local run with it.
     *
     * @return the warnings, one per file whose second run changed rows (also logged)
     */
    public List<String> run(Connection c, ScriptTarget where) throws SQLException {
        if (isEmpty()) {
            return List.of();
        }
        if (!where.sandboxed()) {
            return run(new Runner(c, sql -> {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }, () -> { }, null), false);
        }
        // BYPASSRLS: seeds write a table's rows whoever may see them
        DefinerSandbox sandbox = DefinerSandbox.open(c, "postkit_seed_", "NOINHERIT BYPASSRLS", List.of());
        SandboxRole.grantRowWrites(c, sandbox.role(), schemas);
        List<String> warnings = run(new Runner(c, sandbox::execute, sandbox::settle, sandboxAdvice()),
                where.checksIdempotence());
        sandbox.drop();
        return warnings;
    }

    private List<String> run(Runner runner, boolean checkIdempotent) throws SQLException {
        for (SeedFile file : files) {
            for (ScriptStatement statement : file.statements()) {
                execute(runner, statement, "");
            }
        }
        runner.settle().run();
        List<String> warnings = new ArrayList<>();
        if (checkIdempotent) {
            for (SeedFile file : files) {
                Set<QualifiedName> changed = secondRunChanges(runner, file);
                if (!changed.isEmpty()) {
                    warnings.add(file.path() + ": running it a second time changes rows of " + changed + ". "
                            + ADVICE);
                }
            }
        }
        warnings.forEach(log::warn);
        return warnings;
    }

    /** The tables whose rows differ after running {@code file} again; the run itself is rolled back. */
    private static Set<QualifiedName> secondRunChanges(Runner runner, SeedFile file) throws SQLException {
        Connection c = runner.c();
        Map<QualifiedName, Long> before = writeCounts(c);
        Savepoint savepoint = c.setSavepoint();
        Map<QualifiedName, String> after;
        Set<QualifiedName> written = new TreeSet<>();
        try {
            for (ScriptStatement statement : file.statements()) {
                execute(runner, statement, "It ran once; running it again, as the next apply or deploy will,"
                        + " fails. ");
            }
            runner.settle().run();
            writeCounts(c).forEach((table, count) -> {
                if (count > before.getOrDefault(table, 0L)) {
                    written.add(table);
                }
            });
            after = contents(c, written);
        } finally {
            c.rollback(savepoint);
        }
        Map<QualifiedName, String> original = contents(c, written);
        Set<QualifiedName> changed = new TreeSet<>();
        for (QualifiedName table : written) {
            if (!original.get(table).equals(after.get(table))) {
                changed.add(table);
            }
        }
        return changed;
    }

    private static void execute(Runner runner, ScriptStatement statement, String context) {
        try {
            runner.executor().execute(statement.sql());
        } catch (SQLException e) {
            throw statement.failure(e, context + sandboxAdvice(runner, e) + ADVICE);
        }
    }

    /** For a statement the sandbox refused: what it may do, so the user knows the refusal is not a bug. */
    private static String sandboxAdvice(Runner runner, SQLException e) {
        if (runner.sandboxAdvice() == null) {
            return "";
        }
        if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
            return runner.sandboxAdvice();
        }
        if (FEATURE_NOT_SUPPORTED.equals(e.getSQLState())) {
            return "Seeds run inside postkit's transaction (with the last migration): leave out BEGIN, COMMIT,"
                    + " SAVEPOINT and the like. ";
        }
        return "";
    }

    private String sandboxAdvice() {
        return "On a local database (the clone, the deploy's dry run) seeds run as a sandbox role without superuser"
                + " power: it may read and write the rows of the tables of the managed schemas ("
                + String.join(", ", schemas) + ") and use their sequences, and nothing else (no COPY to or from a"
                + " program or a server file, no changing roles or server settings, no DDL on the schema). Move"
                + " what needs more to infra/ or a migration. ";
    }

    private static Map<QualifiedName, Long> writeCounts(Connection c) throws SQLException {
        Map<QualifiedName, Long> counts = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(WRITE_COUNTS)) {
            while (rs.next()) {
                counts.put(QualifiedName.of(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        return counts;
    }

    /**
     * Row count and an order-free sum of row hashes per table: equal contents give equal text. Every function and
     * type is qualified and typed exactly, so no function a seed made in a schema on the search path is called.
     */
    private static Map<QualifiedName, String> contents(Connection c, Set<QualifiedName> tables) throws SQLException {
        Map<QualifiedName, String> contents = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            for (QualifiedName table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT pg_catalog.count(*)::pg_catalog.text, coalesce("
                        + "pg_catalog.sum(pg_catalog.hashtextextended(t::pg_catalog.text, 0::pg_catalog.int8)),"
                        + " 0)::pg_catalog.text FROM " + Identifiers.quote(table) + " t")) {
                    rs.next();
                    contents.put(table, rs.getString(1) + ":" + rs.getString(2));
                }
            }
        }
        return contents;
    }
}
