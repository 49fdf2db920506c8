package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitException;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collection;

/**
 * Versions are UTC {@code yyyyMMddHHmmss}, unique even when two migrations are made within one second. UTC, not
 * local time: the history is shared by people in several time zones and must sort the same for all of them.
 */
public final class MigrationVersions {

    // uuuu and STRICT: 20260231… or 20261122256000 is an error, not silently moved to another day
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String NAME_RULE = "1 to 60 lower-case letters, digits and underscores";

    private MigrationVersions() {
    }

    /** Now in UTC, or one second after the newest {@code existing} version if now is not later than it. */
    public static String next(Clock clock, Collection<String> existing) {
        LocalDateTime candidate = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withNano(0);
        for (String version : existing) {
            LocalDateTime taken = parse(version);
            if (!candidate.isAfter(taken)) {
                candidate = taken.plusSeconds(1);
            }
        }
        return FORMAT.format(candidate);
    }

    /** The name of a new migration ({@code -Dpostkit.name}); it becomes part of the file name. */
    public static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new PostkitException("A migration needs a name: add -Dpostkit.name=<name> (" + NAME_RULE
                    + "), e.g. -Dpostkit.name=add_orders.");
        }
        if (!name.matches("[a-z0-9_]{1,60}")) {
            throw new PostkitException("Migration name '" + name + "' is not valid: use " + NAME_RULE + ", e.g."
                    + " -Dpostkit.name=add_orders.");
        }
    }

    private static LocalDateTime parse(String version) {
        try {
            return LocalDateTime.parse(version, FORMAT);
        } catch (DateTimeParseException e) {
            throw new PostkitException("Migration version '" + version + "' is not a UTC timestamp yyyyMMddHHmmss,"
                    + " so postkit cannot order a new migration after it. Rename that migration file with a"
                    + " timestamp version.", e);
        }
    }
}
