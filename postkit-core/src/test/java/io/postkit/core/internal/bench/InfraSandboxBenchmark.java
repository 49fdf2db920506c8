package io.postkit.core.internal.bench;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.schemafiles.FileRole;
import io.postkit.core.internal.schemafiles.SchemaFile;
import io.postkit.core.internal.scripts.InfraScript;
import io.postkit.core.internal.scripts.ScriptTarget;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the infra sandbox costs: the same infra/ (schemas, comments, functions, grants: what a sandbox statement
 * and a statement postkit runs for it cost) run as the superuser, as on a remote, and in the sandbox, as on every
 * local database; interleaved, medians, per statement. Run by {@code bench/infra.sh}.
 */
public final class InfraSandboxBenchmark {

    private InfraSandboxBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        int statements = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int major = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int schemas = statements / 4;
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < schemas; i++) {
            sql.append("CREATE SCHEMA IF NOT EXISTS s").append(i).append(";\n")
                    .append("COMMENT ON SCHEMA s").append(i).append(" IS 'schema ").append(i).append("';\n")
                    .append("CREATE OR REPLACE FUNCTION s").append(i)
                    .append(".f(int) RETURNS int LANGUAGE sql AS 'SELECT $1';\n")
                    .append("GRANT USAGE ON SCHEMA s").append(i).append(" TO PUBLIC;\n");
        }
        InfraScript infra = new InfraScript(List.of(new SchemaFile("db/schema/infra/bench.sql", FileRole.INFRA,
                sql.toString())), PostkitLog.SILENT);
        TestDatabase db = TestPostgres.freshDatabase(major);
        List<Double> superuser = new ArrayList<>();
        List<Double> sandboxed = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            List<ScriptTarget> order = run % 2 == 0 ? List.of(ScriptTarget.REMOTE, ScriptTarget.CLONE)
                    : List.of(ScriptTarget.CLONE, ScriptTarget.REMOTE);
            for (ScriptTarget target : order) {
                double ms = timeOnEmpty(db, infra, target, schemas) / schemas / 4;
                if (run > 0) { // the first is a warm-up
                    (target == ScriptTarget.REMOTE ? superuser : sandboxed).add(ms);
                }
            }
        }
        double asSuperuser = median(superuser);
        double inSandbox = median(sandboxed);
        System.out.printf("PostgreSQL %d, %d infra statements, %d interleaved runs (medians):%n", major,
                schemas * 4, runs);
        System.out.printf("  as the superuser (a remote): %.3f ms a statement%n", asSuperuser);
        System.out.printf("  in the sandbox (local):      %.3f ms a statement (%.2fx; +%.3f ms)%n", inSandbox,
                inSandbox / asSuperuser, inSandbox - asSuperuser);
        System.exit(0);
    }

    /** Milliseconds for one run of {@code infra} on a database where none of its schemas exist. */
    private static double timeOnEmpty(TestDatabase db, InfraScript infra, ScriptTarget target, int schemas)
            throws SQLException {
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < schemas; i++) {
                    s.execute("DROP SCHEMA IF EXISTS s" + i + " CASCADE");
                }
            }
            long started = System.nanoTime();
            infra.run(c, target);
            return (System.nanoTime() - started) / 1e6;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
