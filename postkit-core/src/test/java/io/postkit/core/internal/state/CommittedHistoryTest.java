package io.postkit.core.internal.state;

import io.postkit.core.api.PostkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommittedHistoryTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path dir;

    private static CommittedHistory.Entry entry(String version) {
        return CommittedHistory.Entry.committed(version, "m" + version, "sha" + version, MONDAY);
    }

    private static List<String> versions(CommittedHistory history) {
        return history.migrations().stream().map(CommittedHistory.Entry::version).toList();
    }

    private JsonStateFile<CommittedHistory> file() {
        return new JsonStateFile<>(dir.resolve("committed.json"), CommittedHistory.class,
                CommittedHistory.FORMAT_VERSION, "Restore it from version control.");
    }

    @Test
    void startsEmptyInTheCurrentFormat() {
        assertEquals(List.of(), CommittedHistory.empty().migrations());
        assertEquals(1, CommittedHistory.empty().formatVersion());
    }

    @Test
    void addingKeepsEntriesInVersionOrderAndLeavesTheOriginalAlone() {
        CommittedHistory one = CommittedHistory.empty().with(List.of(entry("20260102000000")));
        CommittedHistory three = one.with(List.of(entry("20260103000000"), entry("20260101000000")));
        assertEquals(List.of("20260102000000"), versions(one));
        assertEquals(List.of("20260101000000", "20260102000000", "20260103000000"), versions(three));
    }

    @Test
    void refusesAVersionTwice() {
        CommittedHistory history = CommittedHistory.empty().with(List.of(entry("20260101000000")));
        PostkitException again = assertThrows(PostkitException.class,
                () -> history.with(List.of(entry("20260101000000"))));
        assertTrue(again.getMessage().startsWith("Migration version 20260101000000 (m20260101000000) is already in"
                + " .postkit/db/committed.json"), again.getMessage());
        assertThrows(PostkitException.class,
                () -> CommittedHistory.empty().with(List.of(entry("20260105000000"), entry("20260105000000"))));
    }

    @Test
    void marksOnlyTheGivenVersionsDeployedPerRemote() {
        CommittedHistory history = CommittedHistory.empty()
                .with(List.of(entry("20260101000000"), entry("20260102000000")));
        CommittedHistory deployed = history.deployed(Set.of("20260101000000"), "staging", MONDAY)
                .deployed(Set.of("20260101000000", "20260102000000"), "prod", TUESDAY);
        assertEquals(Map.of("prod", TUESDAY, "staging", MONDAY), deployed.migrations().get(0).deployments());
        assertEquals(Map.of("prod", TUESDAY), deployed.migrations().get(1).deployments());
        assertEquals(Map.of(), history.migrations().get(0).deployments(), "the original is unchanged");
    }

    @Test
    void aRedeployRecordsTheLatestTime() {
        CommittedHistory history = CommittedHistory.empty().with(List.of(entry("20260101000000")))
                .deployed(Set.of("20260101000000"), "prod", MONDAY)
                .deployed(Set.of("20260101000000"), "prod", TUESDAY);
        assertEquals(Map.of("prod", TUESDAY), history.migrations().get(0).deployments());
    }

    @Test
    void valuesCannotBeChangedFromOutside() {
        Map<String, Instant> deployments = new LinkedHashMap<>(Map.of("prod", MONDAY));
        CommittedHistory.Entry entry = new CommittedHistory.Entry("20260101000000", "x", "c", MONDAY, deployments);
        deployments.put("staging", TUESDAY);
        assertEquals(Set.of("prod"), entry.deployments().keySet());
        assertThrows(UnsupportedOperationException.class, () -> entry.deployments().put("x", MONDAY));
        CommittedHistory history = CommittedHistory.empty().with(List.of(entry));
        assertThrows(UnsupportedOperationException.class, () -> history.migrations().add(entry));
    }

    @Test
    void theFileIsTheSameWhateverOrderRemotesWereDeployedIn() throws IOException {
        CommittedHistory base = CommittedHistory.empty().with(List.of(entry("20260101000000")));
        file().write(base.deployed(Set.of("20260101000000"), "staging", MONDAY)
                .deployed(Set.of("20260101000000"), "prod", TUESDAY));
        String first = Files.readString(dir.resolve("committed.json"));
        file().write(base.deployed(Set.of("20260101000000"), "prod", TUESDAY)
                .deployed(Set.of("20260101000000"), "staging", MONDAY));
        assertEquals(first, Files.readString(dir.resolve("committed.json")));
        assertTrue(first.indexOf("\"prod\"") < first.indexOf("\"staging\""), first);
    }

    @Test
    void roundTripsThroughItsFileWithUtcTimesAndNoMachineData() throws IOException {
        CommittedHistory history = CommittedHistory.empty().with(List.of(entry("20260101000000")))
                .deployed(Set.of("20260101000000"), "prod", TUESDAY);
        file().write(history);
        assertEquals(history, file().read().orElseThrow());
        String json = Files.readString(dir.resolve("committed.json"));
        assertEquals("""
                {
                  "formatVersion" : 1,
                  "migrations" : [ {
                    "version" : "20260101000000",
                    "name" : "m20260101000000",
                    "checksum" : "sha20260101000000",
                    "committedAt" : "2026-11-23T09:00:00Z",
                    "deployments" : {
                      "prod" : "2026-11-24T09:00:00Z"
                    }
                  } ]
                }""", json, "UTC times, and no path or URL of this machine");
    }

    @Test
    void aHandMergedEntryWithoutChecksumIsNamed() throws IOException {
        Files.writeString(dir.resolve("committed.json"), "{\"formatVersion\": 1, \"migrations\": [{\"version\":"
                + " \"20260101000000\", \"name\": \"x\", \"committedAt\": \"2026-11-23T09:00:00Z\","
                + " \"deployments\": {}}]}");
        PostkitException e = assertThrows(PostkitException.class, () -> file().read());
        assertEquals("Cannot read " + dir.resolve("committed.json") + ": \"migrations[0].checksum\" is missing. Restore it from"
                + " version control.",
                e.getMessage());
    }

    @Test
    void aNullChecksumIsNamedToo() throws IOException {
        Files.writeString(dir.resolve("committed.json"), "{\"formatVersion\": 1, \"migrations\": [{\"version\":"
                + " \"20260101000000\", \"name\": \"x\", \"checksum\": null, \"committedAt\":"
                + " \"2026-11-23T09:00:00Z\", \"deployments\": {}}]}");
        PostkitException e = assertThrows(PostkitException.class, () -> file().read());
        assertEquals("Cannot read " + dir.resolve("committed.json") + ": \"migrations[0].checksum\" is missing or"
                + " null. Restore it from version control.", e.getMessage());
    }
}
