package io.postkit.core.internal.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateDirectoryTest {

    @TempDir
    Path project;

    private StateDirectory layout() {
        return StateDirectory.of(project);
    }

    private String relative(Path path) {
        return project.relativize(path).toString().replace('\\', '/');
    }

    @Test
    void laysOutTheFilesUnderDotPostkit() {
        StateDirectory layout = layout();
        assertEquals(".postkit", relative(layout.root()));
        assertEquals(".postkit/db/session.json", relative(layout.sessionFile()));
        assertEquals(".postkit/db/session", relative(layout.sessionMigrations()));
        assertEquals(".postkit/db/plan.sql", relative(layout.planSql()));
        assertEquals(".postkit/db/plan.json", relative(layout.planJson()));
        assertEquals(".postkit/db/migrations", relative(layout.committedMigrations()));
        assertEquals(".postkit/db/committed.json", relative(layout.committedFile()));
        assertEquals(".postkit/local", relative(layout.localData()));
        assertEquals(".postkit/lock", relative(layout.lockFile()));
        assertEquals(".postkit/.gitignore", relative(layout.gitignore()));
    }

    @Test
    void writesAGitignoreForMachineStateOnly() throws IOException {
        layout().ensureGitignore();
        List<String> rules = Files.readAllLines(layout().gitignore()).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        // nothing that could match db/migrations/ or db/committed.json: they are the team's shared history
        assertEquals(List.of("local/", "server/", "lock", "db/session*", "db/plan.*"), rules);
    }

    @Test
    void keepsAUsersOwnGitignore() throws IOException {
        Files.createDirectories(layout().root());
        Files.writeString(layout().gitignore(), "# mine\nlocal/\n");
        layout().ensureGitignore();
        assertEquals("# mine\nlocal/\n", Files.readString(layout().gitignore()));
    }
}
