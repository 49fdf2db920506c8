package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies the rows of many tables with several workers. Every worker reads in the same exported snapshot, so the
 * copy is consistent across tables even while the source keeps changing. Largest tables go first so the workers
 * finish together.
 */
public final class DataCopier {

    /** What was copied, for the clone summary and for verification. */
    public record Result(long rows, long bytes, double seconds, String summary) {
    }

    private final ConnectionSource source;
    private final ConnectionSource target;
    private final int workers;
    private final PostkitLog log;

    public DataCopier(ConnectionSource source, ConnectionSource target, int workers, PostkitLog log) {
        this.source = source;
        this.target = target;
        this.workers = Math.max(1, workers);
        this.log = log;
    }

    /** Copies {@code tables} as of {@code snapshot} (from {@code pg_export_snapshot()} on the source). */
    public Result copy(List<TableData> tables, String snapshot) {
        List<TableData> ordered = new ArrayList<>(tables);
        ordered.sort(Comparator.comparingLong(TableData::estimatedBytes).reversed());
        ConcurrentLinkedQueue<TableData> queue = new ConcurrentLinkedQueue<>(ordered);
        CopyProgress progress = new CopyProgress(log,
                tables.size(), tables.stream().mapToLong(TableData::estimatedBytes).sum());
        int threads = Math.min(workers, Math.max(1, tables.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "postkit-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> work(queue, snapshot, progress)));
            }
            for (Future<Void> future : futures) {
                await(future, queue);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(progress.rows(), progress.bytes(), progress.seconds(), progress.summary());
    }

    private Void work(ConcurrentLinkedQueue<TableData> queue, String snapshot, CopyProgress progress)
            throws SQLException {
        try (Connection from = source.open(); Connection to = target.open()) {
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            try (Statement s = from.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                s.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
            }
            TableCopier copier = new TableCopier(from, to, progress);
            TableData table;
            while ((table = queue.poll()) != null) {
                progress.tableDone(copyOne(copier, table));
            }
            from.rollback();
        }
        return null;
    }

    private static long copyOne(TableCopier copier, TableData table) throws SQLException {
        try {
            return copier.copy(table);
        } catch (SQLException e) {
            throw new SQLException("copying " + table.table() + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static void await(Future<Void> future, ConcurrentLinkedQueue<TableData> queue) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostkitException("Interrupted while copying data.", e);
        } catch (ExecutionException e) {
            queue.clear();
            Throwable cause = e.getCause();
            if (cause instanceof PostkitException pe) {
                throw pe;
            }
            throw new PostkitException("Copying data failed: " + cause.getMessage(), cause);
        }
    }
}
