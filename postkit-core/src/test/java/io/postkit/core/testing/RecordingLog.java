package io.postkit.core.testing;

import io.postkit.core.api.PostkitLog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log that keeps every line (prefixed INFO, WARN or DEBUG), for tests that assert on what a goal reports. */
public final class RecordingLog implements PostkitLog {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The first line containing {@code text}, or null. */
    public String find(String text) {
        return lines.stream().filter(l -> l.contains(text)).findFirst().orElse(null);
    }
}
