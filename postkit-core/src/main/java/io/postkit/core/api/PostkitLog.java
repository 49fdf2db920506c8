package io.postkit.core.api;

/** The core's only way to talk to the user; the Maven plugin adapts it to Maven's {@code Log}. */
public interface PostkitLog {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A log that prints nothing: for tests and for callers that only want results. */
    PostkitLog SILENT = new PostkitLog() {
        @Override public void info(String message) { }
        @Override public void warn(String message) { }
        @Override public void debug(String message) { }
    };
}
