package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitException;

/** A migration statement failed; the message has PostgreSQL's words, the statement and its line. */
public class MigrationFailedException extends PostkitException {

    private final String sqlState;

    public MigrationFailedException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
