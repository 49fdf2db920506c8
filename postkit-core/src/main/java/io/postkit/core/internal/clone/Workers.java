package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a clone's parallel work: the same job on several daemon threads, the first failure reported. */
final class Workers {

    private Workers() {
    }

    /**
     * Runs {@code work} on {@code threads} threads and waits for all. A {@link PostkitException} from one is thrown
     * as it is; any other failure as one that says what was being done ({@code what}) and why.
     */
    static void runAll(int threads, String what, Callable<Void> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "postkit-clone");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(work));
            }
            for (Future<Void> future : futures) {
                await(future, what);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<Void> future, String what) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostkitException("Interrupted while " + what + ".", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PostkitException pe) {
                throw pe;
            }
            throw new PostkitException("Cloning failed " + what + ": " + cause.getMessage(), cause);
        }
    }
}
