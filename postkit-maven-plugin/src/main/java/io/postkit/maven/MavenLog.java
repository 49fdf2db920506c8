package io.postkit.maven;

import io.postkit.core.api.PostkitLog;
import org.apache.maven.plugin.logging.Log;

/** The core's log, printed through Maven's, one prefixed line per line of text. */
record MavenLog(Log log) implements PostkitLog {

    @Override
    public void info(String message) {
        message.lines().forEach(log::info);
    }

    @Override
    public void warn(String message) {
        message.lines().forEach(log::warn);
    }

    @Override
    public void debug(String message) {
        if (log.isDebugEnabled()) {
            message.lines().forEach(log::debug);
        }
    }
}
