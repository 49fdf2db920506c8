package io.postkit.core.internal.workflow;

import io.postkit.core.internal.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** Which local servers exist under {@code .postkit/local} and whether they are running. */
public final class LocalServerStatus {

    private LocalServerStatus() {
    }

    public static String describe(Path localDir) {
        if (!Files.isDirectory(localDir)) {
            return "none yet";
        }
        try (Stream<Path> dirs = Files.list(localDir)) {
            List<String> servers = dirs.filter(d -> Files.exists(d.resolve("PG_VERSION"))).sorted()
                    .map(LocalServerStatus::one).toList();
            return servers.isEmpty() ? "none yet" : String.join(", ", servers);
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String one(Path dataDir) {
        OptionalInt port = EmbeddedPostgres.runningPort(dataDir);
        return dataDir.getFileName() + (port.isPresent() ? " running on port " + port.getAsInt() : " stopped");
    }
}
