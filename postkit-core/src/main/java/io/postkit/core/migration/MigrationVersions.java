package io.postkit.core.migration;

import io.postkit.core.PostkitException;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/** Versions are UTC {@code yyyyMMddHHmmss}, unique even when two migrations are made within one second. */
public final class MigrationVersions {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private MigrationVersions() {
    }

    /** Now in UTC, or one second after the newest {@code existing} version if that is not later. */
    public static String next(Clock clock, Collection<String> existing) {
        LocalDateTime candidate = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withNano(0);
        for (String version : existing) {
            LocalDateTime taken = LocalDateTime.parse(version, FORMAT);
            if (!candidate.isAfter(taken)) {
                candidate = taken.plusSeconds(1);
            }
        }
        return FORMAT.format(candidate);
    }

    public static void validateName(String name) {
        if (!name.matches("[a-z0-9_]{1,60}")) {
            throw new PostkitException("Migration name '" + name + "' is not valid: use 1 to 60 lower-case letters,"
                    + " digits and underscores, e.g. -Dpostkit.name=add_orders.");
        }
    }
}
