package io.postkit.core.api;

/**
 * A failure the user can act on: the message says what went wrong, where (file:line, remote name) and what to
 * do next. Everything else that escapes the core is an internal fault.
 *
 * <p>Messages must never carry a password or a connection URL with credentials in it.
 */
public class PostkitException extends RuntimeException {

    public PostkitException(String message) {
        super(message);
    }

    public PostkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
