package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.RemoteStatus;
import io.postkit.core.internal.config.JdbcUrl;
import io.postkit.core.internal.migration.MigrationFile;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Looks at one remote, read only: can it be reached, what it runs, how far away it is, which migrations it has. */
public final class RemoteInspection {

    private static final int ROUND_TRIPS = 3;

    private final Project project;

    public RemoteInspection(Project project) {
        this.project = project;
    }

    /** @param committed this checkout's committed migrations, in version order */
    public RemoteStatus inspect(RemoteConfig remote, List<MigrationFile> committed) {
        String location;
        try {
            JdbcUrl url = JdbcUrl.parse(remote.url(), remote.name());
            location = url.hosts() + "/" + url.database();
        } catch (PostkitException e) {
            return unreachable(remote, "(invalid url)", e.getMessage());
        }
        try (Connection c = project.openRemote(remote)) {
            double latency = latencyMillis(c);
            Map<String, String> applied = project.migrationTable().applied(c);
            List<String> pending = committed.stream().filter(m -> !applied.containsKey(m.version()))
                    .map(MigrationFile::fileName).toList();
            Set<String> unknown = new TreeSet<>(applied.keySet());
            committed.forEach(m -> unknown.remove(m.version()));
            return new RemoteStatus(remote.name(), location, isDefault(remote), true,
                    ServerVersion.of(c).display(), latency, pending, List.copyOf(unknown), null);
        } catch (PostkitException e) {
            return unreachable(remote, location, e.getMessage());
        } catch (SQLException e) {
            return unreachable(remote, location, "Reading remote '" + remote.name() + "' failed: " + e.getMessage());
        }
    }

    /** The lines a user reads about {@code status}: one summary, and a warning when it has unknown migrations. */
    public static String summary(RemoteStatus status) {
        if (!status.reachable()) {
            return "unavailable: " + status.problem();
        }
        String where = "PostgreSQL " + status.serverVersion() + ", " + status.latencyMillis() + " ms";
        return status.pendingMigrations().isEmpty() ? "up to date (" + where + ")"
                : status.pendingMigrations().size() + " pending (" + where + "): "
                + String.join(", ", status.pendingMigrations());
    }

    /** A warning about migrations the remote holds that this checkout does not know, or null. */
    public static String unknownWarning(RemoteStatus status) {
        if (status.unknownMigrations().isEmpty()) {
            return null;
        }
        return "Remote '" + status.name() + "' holds " + status.unknownMigrations().size() + " migration(s) this"
                + " checkout does not know: " + String.join(", ", status.unknownMigrations()) + ". Someone deployed"
                + " from another branch or checkout: update yours (.postkit/db/migrations/ and committed.json)"
                + " before you deploy.";
    }

    private static double latencyMillis(Connection c) throws SQLException {
        long best = Long.MAX_VALUE;
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                long started = System.nanoTime();
                s.execute("SELECT 1");
                best = Math.min(best, System.nanoTime() - started);
            }
        }
        return Math.round(best / 1e5) / 10.0;
    }

    private RemoteStatus unreachable(RemoteConfig remote, String location, String problem) {
        return new RemoteStatus(remote.name(), location, isDefault(remote), false, null, null, List.of(), List.of(),
                problem);
    }

    /** Marked so, or the only one. */
    private boolean isDefault(RemoteConfig remote) {
        return remote.isDefault() || project.settings().remotes().size() == 1;
    }
}
