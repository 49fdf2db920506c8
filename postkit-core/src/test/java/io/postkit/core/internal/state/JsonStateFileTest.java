package io.postkit.core.internal.state;

import io.postkit.core.api.PostkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** Why the file cannot be read: the message between the file's name and the remedy. */
    private String reason(String json) throws IOException {
        String message = unreadable(json);
        return message.substring(("Cannot read " + path() + ": ").length(), message.length() - (". " + REMEDY).length());
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
        assertEquals("""
                {
                  "formatVersion" : 1,
                  "remote" : "staging",
                  "remoteMajor" : 16,
                  "localDatabase" : "postkit_shop",
                  "localSystemIdentifier" : "7301234567890123456",
                  "startedAt" : "2026-11-22T10:00:00Z",
                  "state" : "APPLIED",
                  "migrations" : [ "20261122100000" ],
                  "localToken" : null
                }""", json);
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
        assertEquals("it is not a JSON object", reason(json));
    }

    @Test
    void refusesBrokenJson() throws IOException {
        assertEquals("it is not valid JSON (Unexpected character ('n' (code 110)): was expecting double-quote to"
                + " start field name)", reason("{ not json"));
    }

    @Test
    void refusesTextAfterTheObject() throws IOException {
        // as after a bad merge: the first object alone is readable, but the file is not what was written
        assertEquals("there is more text after its JSON object",
                reason(validJsonWith("remote", "\"prod\"") + "\n{\"formatVersion\": 1}"));
    }

    @Test
    void refusesAnotherFormatVersionSayingWhichOne() throws IOException {
        assertEquals("its formatVersion is 2 but this postkit reads 1 (was it written by another postkit version?)",
                reason(validJsonWith("formatVersion", "2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "null"})
    void refusesAFormatVersionThatIsNoWholeNumber(String value) throws IOException {
        assertEquals("its \"formatVersion\" is not a whole number (" + value + ")",
                reason(validJsonWith("formatVersion", value)));
    }

    @Test
    void refusesAMissingFormatVersion() throws IOException {
        assertEquals("it has no \"formatVersion\"", reason(validJsonWith("formatVersion", null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "remote                | \"remote\" is missing",
            "remoteMajor           | \"remoteMajor\" is missing",
            "startedAt             | \"startedAt\" is missing",
            "state                 | \"state\" is missing",
            "localSystemIdentifier | \"localSystemIdentifier\" is missing"})
    void namesAMissingRequiredField(String field, String reason) throws IOException {
        assertEquals(reason, reason(validJsonWith(field, null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "remote      | \"remote\" is missing or null",
            "startedAt   | \"startedAt\" is missing or null",
            "state       | \"state\" is missing or null",
            "remoteMajor | \"remoteMajor\" is null"})
    void namesARequiredFieldThatIsNull(String field, String reason) throws IOException {
        assertEquals(reason, reason(validJsonWith(field, "null")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "state       | \"DONE\"      | \"state\" cannot be \"DONE\"",
            "startedAt   | \"yesterday\" | \"startedAt\" cannot be \"yesterday\"",
            "remoteMajor | \"sixteen\"   | \"remoteMajor\" cannot be \"sixteen\""})
    void namesAFieldWithAWrongValue(String field, String value, String reason) throws IOException {
        assertEquals(reason, reason(validJsonWith(field, value)));
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
        assertEquals("Cannot write " + blockedParent.resolve("session.json") + ": " + blockedParent, e.getMessage(),
                "the file, and the path in the way (Files.createDirectories' FileAlreadyExistsException)");
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
