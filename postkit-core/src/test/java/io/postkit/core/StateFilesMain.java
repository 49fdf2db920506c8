package io.postkit.core;

import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.state.SessionState;
import io.postkit.core.internal.workflow.ProjectState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Run in a JVM of its own by {@link StateFilesDeterminismIT}: writes a project's state files (session.json, session
 * migrations, committed migrations, committed.json with deployments to several remotes) from fixed input, then
 * prints every file under {@code .postkit/}, path and bytes.
 */
public final class StateFilesMain {

    private StateFilesMain() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).resolve(".postkit");
        ProjectState state = new ProjectState(root);
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        MigrationFile generated = new MigrationFile("20261201100001", "add_orders",
                "CREATE TABLE \"public\".\"orders\" (\"id\" integer);", "DROP TABLE \"public\".\"orders\";", true);
        MigrationFile handWritten = new MigrationFile("20261201100002", "backfill", MigrationCommand.UP,
                MigrationCommand.DOWN, true);
        state.saveSession(SessionState.started("prod", 18, "postkit_20261201100000", "7412345678901234567", at)
                .applied(generated.version()).applied(handWritten.version()));
        state.completeSessionMigration(state.writeSessionMigration(generated));
        state.writeHandWrittenMigration(handWritten);
        state.commitMigrations(List.of(generated, handWritten), at, () -> { });
        for (String remote : List.of("staging", "prod", "qa", "eu-west", "us-east", "dev", "perf")) {
            state.markDeployed(List.of(generated, handWritten), remote, at.plusSeconds(remote.length()));
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                System.out.println("== " + root.relativize(file).toString().replace('\\', '/'));
                System.out.println(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }
}
