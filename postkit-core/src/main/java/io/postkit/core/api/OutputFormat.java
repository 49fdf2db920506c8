package io.postkit.core.api;

import java.util.Locale;

/** How a reporting goal ({@code status}, {@code plan}, {@code check}, {@code remotes}) gives its result. */
public enum OutputFormat {
    /** Log lines for people (the default). */
    TEXT,
    /** One JSON document on standard output, for CI scripts; the log goes on as usual. */
    JSON;

    /** {@code -Dpostkit.format}: text (or empty) or json, in any case. */
    public static OutputFormat of(String value) {
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PostkitException("Unknown output format '" + value + "': use -Dpostkit.format=text or"
                    + " -Dpostkit.format=json.");
        }
    }
}
