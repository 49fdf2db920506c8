package io.postkit.maven;

import io.postkit.core.PostkitLog;
import org.apache.maven.plugin.logging.Log;

/** The core's log, printed through Maven's. */
record MavenLog(Log log) implements PostkitLog {

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
