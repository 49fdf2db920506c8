package io.postkit.core.internal.bench;

import io.postkit.core.DiffCommand;
import io.postkit.core.api.Confirmation;
import io.postkit.core.api.Host;
import io.postkit.core.api.Machine;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.ServerCredentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The engine's share of {@code postkit:diff} between two databases: the same {@link DiffCommand} the goal runs
 * (both catalogs read at once where they are, diffed, rendered), timed inside one warm JVM. Not a test: run by
 * {@code bench/diff.sh}, which times the whole goal and migra beside it. Prints one line: the median and the
 * fastest run in seconds, and the size of the SQL.
 *
 * <p>Usage: {@code DiffEngineBenchmark <from jdbc url> <to jdbc url> <runs> <warm-up runs>}
 */
public final class DiffEngineBenchmark {

    private DiffEngineBenchmark() {
    }

    public static void main(String[] args) {
        String from = args[0];
        String to = args[1];
        int runs = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        Host host = new Host(binariesNotNeeded(), ServerCredentials.NONE, Confirmation.BATCH, PostkitLog.SILENT,
                Machine.current(Machine.DEFAULT_OS_USER));
        DiffCommand diff = new DiffCommand(host, Path.of("/nonexistent-because-unused"));
        DiffCommand.Request request = new DiffCommand.Request(from, to, null, List.of());
        int size = 0;
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            long started = System.nanoTime();
            size = diff.run(request).length();
            if (i >= warmup) {
                seconds.add((System.nanoTime() - started) / 1e9);
            }
        }
        Collections.sort(seconds);
        System.out.printf("engine median %.3f s, fastest %.3f s, %d runs, %d chars of SQL%n",
                seconds.get(seconds.size() / 2), seconds.get(0), runs, size);
    }

    /** Two databases of one major are read where they are: no embedded server is started. */
    private static io.postkit.core.api.PostgresBinaries binariesNotNeeded() {
        return major -> {
            throw new IllegalStateException("the diff of two databases should not need PostgreSQL binaries");
        };
    }
}
