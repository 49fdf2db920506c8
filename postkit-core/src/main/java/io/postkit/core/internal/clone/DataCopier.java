package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.internal.model.QualifiedName;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies the rows of many tables with several workers, and builds each table family's keys and indexes as soon as
 * its rows are in, while the other workers go on copying (as {@code pg_restore -j} does). Every worker reads in the
 * same exported snapshot, so the copy is consistent across tables even while the source keeps changing. Largest
 * units go first so the workers finish together; a table bigger than two units is read in block ranges by several
 * workers.
 */
public final class DataCopier {

    /** What was copied: rows per table (for verification and the summary). */
    public record Result(long rows, long bytes, double seconds, String summary, Map<QualifiedName, Long> tableRows) {

        public Result {
            tableRows = Map.copyOf(tableRows);
        }

        static Result none(String summary) {
            return new Result(0, 0, 0, summary, Map.of());
        }
    }

    /**
     * Ranges of about this size are what a big table is split into (PostgreSQL 14 and later: TID range scans): small
     * enough that the workers finish close together, large enough that a range costs one COPY among many rows.
     */
    static final long UNIT_BYTES = 64L * 1024 * 1024;

    private static final long BLOCK_BYTES = 8192;

    private final long unitBytes;
    private final ConnectionSource source;
    private final ConnectionSource target;
    private final int workers;
    private final boolean splitTables;
    private final boolean tablesBare;
    private final PostkitLog log;

    /**
     * @param splitTables whether big tables may be read in block ranges (the source supports TID range scans)
     * @param unitBytes   the size of those ranges ({@link #UNIT_BYTES})
     */
    DataCopier(ConnectionSource source, ConnectionSource target, int workers, boolean splitTables, long unitBytes,
               PostkitLog log) {
        this(source, target, workers, splitTables, unitBytes, true, log);
    }

    /** @param tablesBare false: the target's tables have their keys already ({@link TableCopier}) */
    DataCopier(ConnectionSource source, ConnectionSource target, int workers, boolean splitTables, long unitBytes,
               boolean tablesBare, PostkitLog log) {
        this.tablesBare = tablesBare;
        this.unitBytes = unitBytes;
        this.source = source;
        this.target = target;
        this.workers = Math.max(1, workers);
        this.splitTables = splitTables;
        this.log = log;
    }

    /**
     * Copies the selected rows of {@code tables} as of {@code snapshot} (from {@code pg_export_snapshot()} on the
     * source). {@code builds} (by family root, see {@link PostData}) run as soon as every table of their family is
     * loaded; {@code families} maps each table to its family's root.
     */
    Result copy(List<TableData> tables, String snapshot, Map<QualifiedName, QualifiedName> families,
                Map<QualifiedName, List<String>> builds) {
        List<CopyUnit> units = new ArrayList<>();
        for (TableData table : tables) {
            if (!table.isEmpty() && !(table.selection() instanceof RowSelection.None)) {
                List<CopyUnit> ofTable = CopyUnit.of(table, Math.max(1, unitBytes / BLOCK_BYTES), workers,
                        splitTables && workers > 1);
                if (ofTable.size() > 1) {
                    log.debug("Copying " + table.table() + " in " + ofTable.size() + " ranges of blocks");
                }
                units.addAll(ofTable);
            }
        }
        units.sort(Comparator.comparingLong(CopyUnit::estimatedBytes).reversed());
        boolean everyRow = tables.stream().allMatch(t -> t.selection() instanceof RowSelection.All);
        CopyProgress progress = new CopyProgress(log, tables.size(),
                everyRow ? units.stream().mapToLong(CopyUnit::estimatedBytes).sum() : 0);
        Run run = new Run(snapshot, progress, families, builds);
        run.start(units);
        return run.result(tables);
    }

    /** Runs only builds (by family root), side by side: after a copy that had to wait for them. */
    void build(Map<QualifiedName, List<String>> builds) {
        Run run = new Run(null, new CopyProgress(log, 0, 0), Map.of(), builds);
        run.start(List.of());
    }

    /** One run of the workers over one queue of jobs. */
    private final class Run {

        private final String snapshot;
        private final CopyProgress progress;
        private final Map<QualifiedName, QualifiedName> families;
        private final Map<QualifiedName, List<String>> builds;
        private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
        private final Map<QualifiedName, AtomicInteger> unitsLeftPerFamily = new TreeMap<>();
        private final Map<QualifiedName, AtomicInteger> unitsLeftPerTable = new TreeMap<>();
        private final Map<QualifiedName, AtomicLong> rowsPerTable = new TreeMap<>();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicBoolean failed = new AtomicBoolean();

        Run(String snapshot, CopyProgress progress, Map<QualifiedName, QualifiedName> families,
            Map<QualifiedName, List<String>> builds) {
            this.snapshot = snapshot;
            this.progress = progress;
            this.families = families;
            this.builds = builds;
        }

        void start(List<CopyUnit> units) {
            for (CopyUnit unit : units) {
                QualifiedName table = unit.table().table();
                unitsLeftPerTable.computeIfAbsent(table, t -> new AtomicInteger()).incrementAndGet();
                unitsLeftPerFamily.computeIfAbsent(family(table), t -> new AtomicInteger()).incrementAndGet();
                rowsPerTable.computeIfAbsent(table, t -> new AtomicLong());
            }
            outstanding.set(units.size() + builds.size());
            // Families with nothing to copy can be built at once.
            builds.keySet().stream().filter(f -> !unitsLeftPerFamily.containsKey(f)).forEach(this::enqueueBuild);
            units.forEach(unit -> queue.addLast(new Job("copied " + unit, worker -> copy(worker, unit))));
            int threads = Math.min(workers, Math.max(1, outstanding.get()));
            if (outstanding.get() == 0) {
                return;
            }
            // Each thread its own worker: its own connections.
            Workers.runAll(threads, "copying data", () -> new Worker().call());
        }

        private QualifiedName family(QualifiedName table) {
            return families.getOrDefault(table, table);
        }

        private void enqueueBuild(QualifiedName family) {
            List<String> statements = builds.get(family);
            if (statements != null) {
                // Ahead of the copies still waiting: an index build overlaps the copies the others are doing.
                queue.addFirst(new Job("built the keys and indexes of " + family,
                        worker -> build(worker, family, statements)));
            }
        }

        private void copy(Worker worker, CopyUnit unit) {
            QualifiedName table = unit.table().table();
            try {
                rowsPerTable.get(table).addAndGet(worker.copier().copy(unit));
            } catch (SQLException e) {
                throw new CloneFailure("copying " + unit + ": " + e.getMessage(), e);
            }
            if (unitsLeftPerTable.get(table).decrementAndGet() == 0) {
                progress.tableDone();
            }
            QualifiedName family = family(table);
            if (unitsLeftPerFamily.get(family).decrementAndGet() == 0) {
                enqueueBuild(family);
            }
        }

        private void build(Worker worker, QualifiedName family, List<String> statements) {
            try {
                parallelIndexBuilds(worker.target(), running.get() == 1 && queue.isEmpty());
                StatementBatch.run(worker.target(), statements);
            } catch (SQLException e) {
                throw new CloneFailure("building the keys and indexes of " + family + ": " + e.getMessage(), e);
            }
        }

        /**
         * An index build may use PostgreSQL's parallel workers only when it is the last job left, and then one fewer
         * than the cores: while other copies or builds run, the cores are busy and the workers' coordination costs
         * more than it gains (on 2 cores, a 5-million-row key took 50% more CPU with two workers than alone).
         */
        private void parallelIndexBuilds(Connection c, boolean alone) throws SQLException {
            int workers = alone ? Math.min(2, Runtime.getRuntime().availableProcessors() - 1) : 0;
            try (Statement s = c.createStatement()) {
                s.execute("SET max_parallel_maintenance_workers = " + Math.max(0, workers));
            }
        }

        Result result(List<TableData> tables) {
            Map<QualifiedName, Long> rows = new TreeMap<>();
            for (TableData table : tables) {
                AtomicLong copied = rowsPerTable.get(table.table());
                rows.put(table.table(), copied == null ? 0L : copied.get());
            }
            return new Result(progress.rows(), progress.bytes(), progress.seconds(), progress.summary(), rows);
        }

        /** A thread with its own target connection, and a source connection in the snapshot once it copies. */
        private final class Worker implements java.util.concurrent.Callable<Void> {

            private Connection from;
            private Connection to;
            private TableCopier copier;

            @Override
            public Void call() throws SQLException {
                try {
                    to = target.open();
                    to.setAutoCommit(false);
                    work();
                    return null;
                } finally {
                    close(from);
                    close(to);
                }
            }

            private void work() {
                while (!failed.get()) {
                    Job job;
                    try {
                        job = queue.pollFirst(20, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (job == null) {
                        if (outstanding.get() == 0) {
                            return;
                        }
                        continue;
                    }
                    running.incrementAndGet();
                    long started = System.nanoTime();
                    try {
                        job.work().accept(this);
                        log.debug(String.format(Locale.ROOT, "%s in %.2f s", job, (System.nanoTime() - started) / 1e9));
                    } catch (RuntimeException e) {
                        failed.set(true);
                        queue.clear();
                        throw e;
                    } finally {
                        running.decrementAndGet();
                    }
                    outstanding.decrementAndGet();
                }
            }

            Connection target() {
                return to;
            }

            TableCopier copier() throws SQLException {
                if (copier == null) {
                    from = source.open();
                    from.setAutoCommit(false);
                    try (Statement s = from.createStatement()) {
                        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                        s.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
                    }
                    copier = new TableCopier(from, to, progress, tablesBare);
                }
                return copier;
            }

            private void close(Connection c) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException e) {
                        log.debug("Closing a clone connection: " + e.getMessage());
                    }
                }
            }
        }
    }

    /** A copy or a build, run by whichever worker takes it. */
    private record Job(String what, java.util.function.Consumer<Run.Worker> work) {

        @Override
        public String toString() {
            return what;
        }
    }

    /** A job failed: the message says which table and why. */
    private static final class CloneFailure extends PostkitException {
        CloneFailure(String message, Throwable cause) {
            super("Cloning failed " + message, cause);
        }
    }
}
