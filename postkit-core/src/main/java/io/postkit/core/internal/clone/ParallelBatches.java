package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent batches of statements on several connections, each batch in a transaction of its own. Batches
 * that lock the same tables wait for each other; one that PostgreSQL picks as a deadlock victim runs again.
 */
final class ParallelBatches {

    private static final String DEADLOCK_DETECTED = "40P01";
    private static final int ATTEMPTS = 5;

    private ParallelBatches() {
    }

    /** @param what what the statements build, for the message when one fails */
    static void run(ConnectionSource target, int workers, List<List<String>> batches, String what) {
        if (batches.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<List<String>> queue = new ConcurrentLinkedQueue<>(batches);
        int threads = Math.max(1, Math.min(workers, batches.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "postkit-clone-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> work(target, queue)));
            }
            for (Future<Void> future : futures) {
                await(future, queue, what);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void work(ConnectionSource target, ConcurrentLinkedQueue<List<String>> queue) throws SQLException {
        try (Connection c = target.open()) {
            List<String> batch;
            while ((batch = queue.poll()) != null) {
                runWithRetry(c, batch);
            }
        }
        return null;
    }

    private static void runWithRetry(Connection c, List<String> batch) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                StatementBatch.run(c, batch);
                return;
            } catch (SQLException e) {
                if (!DEADLOCK_DETECTED.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void await(Future<Void> future, ConcurrentLinkedQueue<List<String>> queue, String what) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostkitException("Interrupted while building " + what + ".", e);
        } catch (ExecutionException e) {
            queue.clear();
            Throwable cause = e.getCause();
            throw new PostkitException("Cloning failed building " + what + ": " + cause.getMessage(), cause);
        }
    }
}
