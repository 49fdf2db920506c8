package io.postkit.core.internal.clone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How long each step of a clone took, for the log: where the time goes is the first thing to know. */
final class StepTimer {

    private final long started = System.nanoTime();
    private final List<String> steps = new ArrayList<>();
    private long last = started;

    /** Ends the step that ran since the previous one. */
    void step(String name) {
        long now = System.nanoTime();
        steps.add(String.format(Locale.ROOT, "%s %.2f s", name, (now - last) / 1e9));
        last = now;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f s (%s)", (last - started) / 1e9, String.join(", ", steps));
    }
}
