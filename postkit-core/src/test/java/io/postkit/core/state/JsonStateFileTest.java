package io.postkit.core.state;

import io.postkit.core.PostkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonStateFileTest {

    @TempDir
    Path dir;

    private JsonStateFile<CommittedHistory> file() {
        return new JsonStateFile<>(dir.resolve("committed.json"), CommittedHistory.class, 1,
                "Restore it from version control.");
    }

    @Test
    void writesAtomicallyAndReadsBack() throws IOException {
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        CommittedHistory history = CommittedHistory.empty()
                .with(List.of(new CommittedHistory.Entry("20261122100000", "add", "abc", at, Map.of())))
                .deployed(Set.of("20261122100000"), "prod", at);
        file().write(history);
        assertEquals(history, file().read().orElseThrow());
        String json = Files.readString(dir.resolve("committed.json"));
        assertTrue(json.contains("\"formatVersion\" : 1"), json);
        assertTrue(json.contains("\"prod\" : \"2026-11-22T10:00:00Z\""), json);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void malformedFilesAreClearErrors() throws IOException {
        Files.writeString(dir.resolve("committed.json"), "{ not json");
        PostkitException broken = assertThrows(PostkitException.class, () -> file().read());
        assertTrue(broken.getMessage().startsWith("Cannot read " + dir.resolve("committed.json")), broken.getMessage());
        assertTrue(broken.getMessage().endsWith("Restore it from version control."), broken.getMessage());

        Files.writeString(dir.resolve("committed.json"), "{\"formatVersion\": 2, \"migrations\": []}");
        PostkitException version = assertThrows(PostkitException.class, () -> file().read());
        assertTrue(version.getMessage().contains("formatVersion is 2"), version.getMessage());

        Files.writeString(dir.resolve("committed.json"), "{\"migrations\": []}");
        PostkitException missing = assertThrows(PostkitException.class, () -> file().read());
        assertTrue(missing.getMessage().contains("no \"formatVersion\""), missing.getMessage());
    }

    @Test
    void anAbsentFileIsEmpty() {
        assertTrue(file().read().isEmpty());
    }

    @Test
    void aSecondLockOnTheSameProjectIsRefused() {
        try (ProjectLock first = ProjectLock.acquire(dir)) {
            PostkitException e = assertThrows(PostkitException.class, () -> ProjectLock.acquire(dir));
            assertTrue(e.getMessage().startsWith("Another postkit goal is running in this project"), e.getMessage());
        }
        ProjectLock.acquire(dir).close();
    }
}
