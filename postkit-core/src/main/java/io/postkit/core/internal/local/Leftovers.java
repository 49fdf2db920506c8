package io.postkit.core.internal.local;

import io.postkit.core.api.PostkitLog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What goals that did not finish (killed, power loss) left on a local server: databases marked by postkit whose
 * creating process is gone and that nothing owns any more, and sandbox roles whose creator is gone. A clone is
 * owned by its project's session; a shadow, a dry run or a side of a diff by the goal that made it alone.
 */
public final class Leftovers {

    private final LocalDatabases databases;
    private final Predicate<CreationMarker> sessionOwns;

    /**
     * @param sessionOwns whether the project's session owns a clone of this project (by its marker's token); when
     *                    the session cannot be read, owning every clone keeps them all
     */
    public Leftovers(LocalDatabases databases, Predicate<CreationMarker> sessionOwns) {
        this.databases = databases;
        this.sessionOwns = sessionOwns;
    }

    public boolean isLeftover(CreationMarker marker) {
        if (marker == null || marker.creatorAlive()) {
            return false;
        }
        if (!marker.purpose().outlivesItsGoal()) {
            return true;
        }
        return marker.project().equals(databases.project()) && !sessionOwns.test(marker);
    }

    public List<ListedDatabase> find() throws SQLException {
        return databases.list().stream().filter(db -> isLeftover(db.marker())).toList();
    }

    /** Drops every leftover (databases first, then roles) and says so in one line; @return the names dropped */
    public List<String> remove(PostkitLog log) throws SQLException {
        String cluster = databases.systemIdentifier();
        List<String> removed = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (ListedDatabase leftover : find()) {
            long bytes = databases.sizeOf(leftover.name());
            databases.drop(new LocalDatabase(new DatabaseIdentity(cluster, leftover.name()), leftover.marker()));
            removed.add(leftover.name());
            described.add(describe(leftover, bytes));
        }
        for (String role : SandboxRole.leftovers(databases.server())) {
            SandboxRole.dropLeftover(databases.server(), role);
            removed.add(role);
            described.add("role " + role);
        }
        if (!removed.isEmpty()) {
            log.info("Removed what goals that did not finish left on the local server: "
                    + String.join(", ", described) + ".");
        }
        return removed;
    }

    /** "postkit_clone_4f2a… (clone, 1.2 GB, made by process 4711)" */
    public static String describe(ListedDatabase database, long bytes) {
        CreationMarker marker = database.marker();
        return database.name() + " (" + marker.purpose().label() + (bytes >= 0 ? ", " + size(bytes) : "")
                + ", made by " + marker.creator() + ")";
    }

    /** "1.2 GB", "12.3 MB" */
    public static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
}
