package io.postkit.core.internal.clone;

import io.postkit.core.api.PostkitLog;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the copy workers move and reports it every few seconds: tables, rows, megabytes, throughput and,
 * when every row is copied, an estimated percentage (source table sizes are on-disk sizes, so it is approximate).
 */
final class CopyProgress {

    private static final long REPORT_EVERY_NANOS = 3_000_000_000L;

    private final PostkitLog log;
    private final int tables;
    private final long estimatedBytes;
    private final long started = System.nanoTime();
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime());

    /** @param estimatedBytes what the copy will move, or 0 when that is not known (a sample) */
    CopyProgress(PostkitLog log, int tables, long estimatedBytes) {
        this.log = log;
        this.tables = tables;
        this.estimatedBytes = estimatedBytes;
    }

    void copied(long byteCount, long rowCount) {
        bytes.addAndGet(byteCount);
        rows.addAndGet(rowCount);
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
            log.info("Copying data: " + line());
        }
    }

    void tableDone() {
        tablesDone.incrementAndGet();
    }

    long rows() {
        return rows.get();
    }

    long bytes() {
        return bytes.get();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    String line() {
        double seconds = Math.max(seconds(), 1e-3);
        double mb = bytes.get() / 1_048_576.0;
        String percent = estimatedBytes > 0
                ? String.format(Locale.ROOT, ", about %d%%", Math.min(99, bytes.get() * 100 / estimatedBytes)) : "";
        return String.format(Locale.ROOT, "%d/%d tables, %,d rows, %.1f MB%s (%,.0f rows/s, %.1f MB/s)",
                tablesDone.get(), tables, rows.get(), mb, percent, rows.get() / seconds, mb / seconds);
    }

    String summary() {
        double seconds = Math.max(seconds(), 1e-3);
        double mb = bytes.get() / 1_048_576.0;
        return String.format(Locale.ROOT, "%d tables, %,d rows, %.1f MB in %.1f s (%,.0f rows/s, %.1f MB/s)", tables, rows.get(),
                mb, seconds, rows.get() / seconds, mb / seconds);
    }
}
