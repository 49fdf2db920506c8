package io.postkit.core.testing;

import io.postkit.core.api.PostkitLog;

import java.util.ArrayList;
import java.util.List;

/** A log that keeps what a goal printed, level first ("INFO …", "WARN …"), for tests to assert on. */
public final class RecordingLog implements PostkitLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    /** What a user sees without -X: the INFO and WARN lines. */
    public synchronized List<String> lines() {
        return lines.stream().filter(l -> !l.startsWith("DEBUG ")).toList();
    }

    /** The lines that start with {@code prefix} (e.g. "WARN Dropping"). */
    public synchronized List<String> startingWith(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** The first line containing {@code text}, DEBUG lines included, or null. */
    public synchronized String find(String text) {
        return lines.stream().filter(l -> l.contains(text)).findFirst().orElse(null);
    }

    public synchronized void clear() {
        lines.clear();
    }
}
