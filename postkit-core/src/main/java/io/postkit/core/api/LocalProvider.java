package io.postkit.core.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a project's local PostgreSQL (the session's clone, shadows, dry runs) runs. */
public enum LocalProvider {
    /** PostgreSQL binaries from Maven Central, run by postkit itself: the default, no Docker needed. */
    EMBEDDED,
    /** The official {@code postgres:<major>} image, through Testcontainers, where a Docker engine is reachable. */
    DOCKER;

    /** As the user writes it in {@code <local><provider>}: {@code embedded}, {@code docker}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The provider the user named, or a clear error listing the ones there are; null or blank is the default. */
    public static LocalProvider parse(String value) {
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        return Arrays.stream(values()).filter(p -> p.label().equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new PostkitException("Unknown local provider '" + value + "': use "
                        + Arrays.stream(values()).map(LocalProvider::label).collect(Collectors.joining(" or "))
                        + " (<local><provider>, postkit.local.provider)."));
    }
}
