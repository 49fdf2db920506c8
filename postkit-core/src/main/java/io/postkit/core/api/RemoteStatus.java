package io.postkit.core.api;

import java.util.List;

/**
 * What postkit found on one remote ({@code status}, {@code remotes}). Never holds credentials.
 *
 * @param location           host, port and database, without user or password
 * @param reachable          whether a connection was made
 * @param serverVersion      PostgreSQL's version there, or null when unreachable
 * @param latencyMillis      the fastest of a few {@code SELECT 1} round trips in milliseconds (0.1 ms steps), or
 *                           null when unreachable
 * @param pendingMigrations  committed migrations it has not applied (file names)
 * @param unknownMigrations  versions it has applied that this checkout does not know
 * @param problem            why it could not be reached, or null
 */
public record RemoteStatus(String name, String location, boolean isDefault, boolean reachable,
                           String serverVersion, Double latencyMillis, List<String> pendingMigrations,
                           List<String> unknownMigrations, String problem) {

    public RemoteStatus {
        pendingMigrations = List.copyOf(pendingMigrations);
        unknownMigrations = List.copyOf(unknownMigrations);
    }
}
