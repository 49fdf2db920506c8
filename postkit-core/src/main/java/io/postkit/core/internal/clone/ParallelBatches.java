package io.postkit.core.internal.clone;


import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

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
        Workers.runAll(Math.max(1, Math.min(workers, batches.size())), "building " + what, () -> {
            try {
                return work(target, queue);
            } catch (SQLException | RuntimeException e) {
                queue.clear();
                throw e;
            }
        });
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
}
