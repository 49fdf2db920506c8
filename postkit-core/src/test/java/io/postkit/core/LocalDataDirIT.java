package io.postkit.core;

import io.postkit.core.api.PostkitLog;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the local servers keep their data when PostgreSQL runs as another OS user than the build. */
class LocalDataDirIT {

    /**
     * Regression: run as root in a folder closed to the PostgreSQL OS user (a home folder, {@code mktemp -d}),
     * {@code start} stopped with an error. The data now goes to a folder of the project's own under /var/tmp.
     */
    @Test
    void aProjectFolderClosedToThePostgresUserKeepsItsDataUnderVarTmp() throws Exception {
        assumeTrue(TestPostgres.machine().root(), "only a build running as root hands PostgreSQL to another user");
        Path closed = TestPostgres.workDir().resolve("closed-" + System.nanoTime());
        Files.createDirectories(closed);
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        TestDatabase remote = TestPostgres.freshDatabase(18);
        remote.execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2);");
        TestProject project = TestProject.createIn(closed, "closed", remote);
        List<String> lines = new ArrayList<>();
        Path data = null;
        try {
            new StartCommand(project.workspace(infoInto(lines)), Clock.systemUTC()).run(null);

            List<String> said = lines.stream().filter(l -> l.startsWith("The local PostgreSQL keeps its data in"))
                    .toList();
            assertEquals(1, said.size(), lines.toString());
            data = Path.of(said.get(0).substring("The local PostgreSQL keeps its data in ".length(),
                    said.get(0).indexOf(": OS user")));
            assertEquals(Path.of("/var/tmp/postkit-local"), data.getParent());
            assertTrue(data.getFileName().toString().startsWith("closed-"), data.toString());
            assertTrue(Files.exists(data.resolve("pg18/PG_VERSION")), "the local server lives there");
            assertFalse(Files.exists(project.dir().resolve(".postkit/local")), "and not in the closed folder");

            new AbortCommand(project.workspace()).run();
        } finally {
            if (data != null) {
                deleteTree(data);
            }
        }
    }

    private static PostkitLog infoInto(List<String> lines) {
        return new PostkitLog() {
            @Override public void info(String message) { lines.add(message); }
            @Override public void warn(String message) { lines.add(message); }
            @Override public void debug(String message) { }
        };
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
