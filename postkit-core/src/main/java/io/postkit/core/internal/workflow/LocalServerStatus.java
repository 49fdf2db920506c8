package io.postkit.core.internal.workflow;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.internal.embedded.RunningServer;
import io.postkit.core.internal.embedded.ServerLease;
import io.postkit.core.internal.local.CreationMarker;
import io.postkit.core.internal.local.Leftovers;
import io.postkit.core.internal.local.ListedDatabase;
import io.postkit.core.internal.local.LocalDatabases;
import io.postkit.core.internal.local.Purpose;
import io.postkit.core.internal.local.SandboxRole;
import io.postkit.core.internal.local.SchemaTemplates;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * What is on the project's local servers, for {@code status}: each server (running, in use, kept running, or left
 * running by a goal that did not finish) and its databases by purpose, leftovers of unfinished goals marked as
 * such. Changes nothing: a server is started for the look if it must be, and left as it was found.
 */
public final class LocalServerStatus {

    private final Project project;

    public LocalServerStatus(Project project) {
        this.project = project;
    }

    /** One line per server, then one per database or leftover role on it, indented. */
    public List<String> describe() {
        List<Integer> majors = project.localServers().majors();
        if (majors.isEmpty()) {
            return List.of("none yet");
        }
        List<String> lines = new ArrayList<>();
        for (int major : majors) {
            Path dataDir = project.localServers().server(major).dataDir();
            lines.add("pg" + major + " (" + project.settings().displayPath(dataDir) + "): " + state(dataDir));
            lines.addAll(contents(major));
        }
        return lines;
    }

    private static String state(Path dataDir) {
        OptionalInt port = EmbeddedPostgres.runningPort(dataDir);
        if (port.isEmpty()) {
            return "stopped";
        }
        String use = ServerLease.inUse(dataDir) ? "in use by a goal"
                : ServerLease.keptRunning(dataDir) ? "kept running (-Dpostkit.keepRunning)"
                : "left running by a goal that did not finish; the next goal stops it";
        return "running on port " + port.getAsInt() + ", " + use;
    }

    private List<String> contents(int major) {
        List<String> lines = new ArrayList<>();
        try (RunningServer server = project.localServers().inspect(major)) {
            LocalDatabases databases = project.databases(server);
            Predicate<CreationMarker> sessionOwns = project.sessionOwnership();
            Leftovers leftovers = new Leftovers(databases, sessionOwns);
            for (ListedDatabase database : databases.list()) {
                lines.add("  " + describe(database, databases, leftovers, sessionOwns));
            }
            for (String template : new SchemaTemplates(databases).list()) {
                long bytes = databases.sizeOf(template);
                lines.add("  template " + template + (bytes < 0 ? "" : " (" + Leftovers.size(bytes) + ")")
                        + ": the schema of the last clone, copied by the next clone while the remote's is unchanged");
            }
            for (String role : SandboxRole.leftovers(server)) {
                lines.add("  role " + role + ": left by a goal that did not finish; the next goal drops it");
            }
        } catch (SQLException | PostkitException e) {
            lines.add("  databases unknown: " + e.getMessage());
        }
        return lines;
    }

    private String describe(ListedDatabase database, LocalDatabases databases, Leftovers leftovers,
                            Predicate<CreationMarker> sessionOwns) {
        CreationMarker marker = database.marker();
        long bytes = databases.sizeOf(database.name());
        String size = bytes < 0 ? "" : " (" + Leftovers.size(bytes) + ")";
        if (marker == null) {
            return "database " + database.name() + size + ": not marked by postkit, which never drops it";
        }
        String what = marker.purpose().label() + " " + database.name() + size;
        if (leftovers.isLeftover(marker)) {
            return what + ": left by a goal that did not finish (" + marker.creator() + "); the next goal removes it";
        }
        if (marker.purpose() == Purpose.CLONE && marker.project().equals(project.key()) && sessionOwns.test(marker)) {
            return what + ": the session's clone";
        }
        if (marker.creatorAlive()) {
            return what + ": in use by " + marker.creator();
        }
        return what + ": another project's clone";
    }
}
