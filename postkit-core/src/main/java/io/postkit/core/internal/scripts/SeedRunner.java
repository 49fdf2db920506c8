package io.postkit.core.internal.scripts;

import io.postkit.core.api.PostkitLog;
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
 * Runs the seed files: idempotent data, run after the grants on every database postkit migrates. On the clone each
 * file is also run a second time, inside a savepoint that is rolled back, to prove the idempotence: the tables that
 * run writes to (PostgreSQL's per-transaction counters say which) must hold the same rows after it as before.
 */
public final class SeedRunner {

    private static final String WRITE_COUNTS = "SELECT schemaname, relname, n_tup_ins + n_tup_upd + n_tup_del"
            + " FROM pg_stat_xact_user_tables";
    private static final String ADVICE = "Seeds run after the migrations of every apply and deploy, so they must"
            + " be idempotent: INSERT ... ON CONFLICT DO NOTHING (or DO UPDATE), UPDATE ... WHERE, and the like.";

    private record SeedFile(String path, List<ScriptStatement> statements) {
    }

    private final List<SeedFile> files;
    private final PostkitLog log;

    public SeedRunner(List<SchemaFile> files, PostkitLog log) {
        this.files = files.stream().map(f -> new SeedFile(f.path(), SqlScript.split(f.content(), f.path())))
                .toList();
        this.log = log;
    }

    public boolean isEmpty() {
        return files.stream().allMatch(f -> f.statements().isEmpty());
    }

    /**
     * Runs every seed file on {@code c}, which must be in a transaction (not auto-commit): the caller commits.
     *
     * @param checkIdempotent run each file again and warn when that changes rows
     * @return the warnings, one per file whose second run changed rows (also logged)
     */
    public List<String> run(Connection c, boolean checkIdempotent) throws SQLException {
        for (SeedFile file : files) {
            file.statements().forEach(statement -> execute(c, statement, null));
        }
        List<String> warnings = new ArrayList<>();
        if (checkIdempotent) {
            for (SeedFile file : files) {
                Set<QualifiedName> changed = secondRunChanges(c, file);
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
    private static Set<QualifiedName> secondRunChanges(Connection c, SeedFile file) throws SQLException {
        Map<QualifiedName, Long> before = writeCounts(c);
        Savepoint savepoint = c.setSavepoint();
        Map<QualifiedName, String> after;
        Set<QualifiedName> written = new TreeSet<>();
        try {
            file.statements().forEach(statement -> execute(c, statement, "It ran once; running it again, as the"
                    + " next apply or deploy will, fails. "));
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

    private static void execute(Connection c, ScriptStatement statement, String context) {
        try (Statement s = c.createStatement()) {
            s.execute(statement.sql());
        } catch (SQLException e) {
            throw statement.failure(e, (context == null ? "" : context) + ADVICE);
        }
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

    /** Row count and an order-free sum of row hashes per table: equal contents give equal text. */
    private static Map<QualifiedName, String> contents(Connection c, Set<QualifiedName> tables) throws SQLException {
        Map<QualifiedName, String> contents = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            for (QualifiedName table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(sum(hashtextextended(t::text,"
                        + " 0)), 0) FROM " + Identifiers.quote(table) + " t")) {
                    rs.next();
                    contents.put(table, rs.getString(1));
                }
            }
        }
        return contents;
    }
}
