package io.postkit.core.internal.state;

import io.postkit.core.api.PostkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonStateFileTest {

    private static final String REMEDY = "Delete it and run mvn postkit:abort.";
    private static final Instant STARTED = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private Path path() {
        return dir.resolve("db").resolve("session.json");
    }

    private JsonStateFile<SessionState> file() {
        return new JsonStateFile<>(path(), SessionState.class, SessionState.FORMAT_VERSION, REMEDY);
    }

    private static SessionState session() {
        return SessionState.started("staging", 16, "postkit_shop", "7301234567890123456", STARTED)
                .planned().applied("20261122100000");
    }

    private String unreadable(String json) throws IOException {
        Files.createDirectories(path().getParent());
        Files.writeString(path(), json);
        PostkitException e = assertThrows(PostkitException.class, () -> file().read());
        assertTrue(e.getMessage().startsWith("Cannot read " + path() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith(REMEDY), e.getMessage());
        return e.getMessage();
    }

    private String validJsonWith(String field, String value) {
        String json = "{\"formatVersion\": 1, \"remote\": \"staging\", \"remoteMajor\": 16,"
                + " \"localDatabase\": \"postkit_shop\", \"localSystemIdentifier\": \"7301\","
                + " \"startedAt\": \"2026-11-22T10:00:00Z\", \"state\": \"STARTED\", \"migrations\": [],"
                + " \"localToken\": \"4f2a\"}";
        return value == null ? json.replaceAll("\"" + field + "\": [^,}]*,? ?", "")
                : json.replaceAll("(\"" + field + "\": )[^,}]*", "$1" + value);
    }

    @Test
    void writesCreatingTheFolderAndReadsBack() {
        file().write(session());
        assertEquals(session(), file().read().orElseThrow());
    }

    @Test
    void writesPrettyPrintedJsonWithFormatVersionFirstAndUtcTimes() throws IOException {
        file().write(session());
        String json = Files.readString(path());
        assertTrue(json.startsWith("{\n  \"formatVersion\" : 1,\n"), json);
        assertTrue(json.contains("\"startedAt\" : \"2026-11-22T10:00:00Z\""), json);
        assertTrue(json.contains("\"state\" : \"APPLIED\""), json);
    }

    @Test
    void replacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        file().write(session());
        file().write(SessionState.started("prod", 17, "postkit_x", "1", STARTED));
        assertEquals("prod", file().read().orElseThrow().remote());
        try (Stream<Path> files = Files.list(path().getParent())) {
            assertEquals(List.of(path()), files.toList());
        }
    }

    @Test
    void anAbsentFileIsEmptyAndDeletingItTwiceIsFine() {
        assertTrue(file().read().isEmpty());
        file().write(session());
        file().delete();
        file().delete();
        assertTrue(file().read().isEmpty());
    }

    @Test
    void readsAFileWrittenByHand() throws IOException {
        Files.createDirectories(path().getParent());
        Files.writeString(path(), validJsonWith("remote", "\"prod\""));
        assertEquals("prod", file().read().orElseThrow().remote());
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws IOException {
        Files.createDirectories(path().getParent());
        Files.writeString(path(), validJsonWith("remote", "\"prod\", \"comment\": \"hand-written\""));
        assertEquals("prod", file().read().orElseThrow().remote());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1, 2]", "\"text\"", "null"})
    void refusesWhatIsNotAJsonObject(String json) throws IOException {
        assertTrue(unreadable(json).contains("it is not a JSON object"));
    }

    @Test
    void refusesBrokenJson() throws IOException {
        assertTrue(unreadable("{ not json").contains("it is not valid JSON ("));
    }

    @Test
    void refusesTextAfterTheObject() throws IOException {
        // as after a bad merge: the first object alone is readable, but the file is not what was written
        String message = unreadable(validJsonWith("remote", "\"prod\"") + "\n{\"formatVersion\": 1}");
        assertTrue(message.contains("there is more text after its JSON object"), message);
    }

    @Test
    void refusesAnotherFormatVersionSayingWhichOne() throws IOException {
        String message = unreadable(validJsonWith("formatVersion", "2"));
        assertTrue(message.contains("its formatVersion is 2 but this postkit reads 1"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "null"})
    void refusesAFormatVersionThatIsNoWholeNumber(String value) throws IOException {
        String message = unreadable(validJsonWith("formatVersion", value));
        assertTrue(message.contains("its \"formatVersion\" is not a whole number (" + value + ")"), message);
    }

    @Test
    void refusesAMissingFormatVersion() throws IOException {
        String message = unreadable(validJsonWith("formatVersion", null));
        assertTrue(message.contains("it has no \"formatVersion\""), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"remote", "remoteMajor", "startedAt", "state", "localSystemIdentifier"})
    void namesAMissingRequiredField(String field) throws IOException {
        String message = unreadable(validJsonWith(field, null));
        assertTrue(message.contains("\"" + field + "\" is missing"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"remote", "startedAt", "state", "remoteMajor"})
    void namesARequiredFieldThatIsNull(String field) throws IOException {
        String message = unreadable(validJsonWith(field, "null"));
        assertTrue(message.contains("\"" + field + "\""), message);
    }

    @Test
    void namesAFieldWithAWrongValue() throws IOException {
        String state = unreadable(validJsonWith("state", "\"DONE\""));
        assertTrue(state.contains("\"state\""), state);
        assertTrue(state.contains("DONE"), state);
        String time = unreadable(validJsonWith("startedAt", "\"yesterday\""));
        assertTrue(time.contains("\"startedAt\""), time);
        String major = unreadable(validJsonWith("remoteMajor", "\"sixteen\""));
        assertTrue(major.contains("\"remoteMajor\""), major);
    }

    @Test
    void aFailedWriteNamesTheFileAndKeepsTheOldOne() throws IOException {
        file().write(session());
        Files.createDirectories(dir.resolve("blocked"));
        Path blockedParent = dir.resolve("blocked-file");
        Files.writeString(blockedParent, "a file where a folder should be");
        JsonStateFile<SessionState> impossible = new JsonStateFile<>(blockedParent.resolve("session.json"),
                SessionState.class, 1, REMEDY);
        PostkitException e = assertThrows(PostkitException.class, () -> impossible.write(session()));
        assertTrue(e.getMessage().startsWith("Cannot write " + blockedParent.resolve("session.json")),
                e.getMessage());
        assertEquals(session(), file().read().orElseThrow());
    }

    @Test
    void neverWritesAUrlOrPassword() throws IOException {
        file().write(session());
        String json = Files.readString(path());
        assertFalse(json.contains("jdbc:"), json);
        assertFalse(json.toLowerCase().contains("password"), json);
    }
}
