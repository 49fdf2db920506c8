package io.postkit.core;

import io.postkit.core.internal.embedded.EmbeddedPostgres;
import io.postkit.core.testing.ChildGoal;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Goals in several processes on one machine share embedded servers without disturbing each other. */
class ConcurrentGoalsIT {

    private static final String EXPECTED = "SQL BEGIN;||ALTER TABLE \"public\".\"t\" ADD COLUMN \"note\" text;||COMMIT;";

    @Test
    void twoDiffProcessesAtOnceShareTheServerAndTheLastOneStopsIt() throws Exception {
        Path work = TestPostgres.workDir().resolve("concurrent-diff-" + System.nanoTime());
        Files.createDirectories(work);
        Path from = Files.writeString(work.resolve("from.sql"), "CREATE TABLE t (id int);");
        Path to = Files.writeString(work.resolve("to.sql"), "CREATE TABLE t (id int, note text);");
        String[] args = {"diff", work.toString(), "from=" + from, "to=" + to, "major=18", "repeat=4"};
        try (ChildGoal first = ChildGoal.start(Map.of(), args); ChildGoal second = ChildGoal.start(Map.of(), args)) {
            assertEquals(0, first.awaitExit(Duration.ofMinutes(4)), first.output());
            assertEquals(0, second.awaitExit(Duration.ofMinutes(4)), second.output());
            for (ChildGoal goal : List.of(first, second)) {
                List<String> results = goal.output().lines().filter(l -> l.startsWith("SQL ")).toList();
                assertEquals(Collections.nCopies(4, EXPECTED), results, goal.output());
            }
        }
        assertTrue(EmbeddedPostgres.runningPort(work.resolve("pg18")).isEmpty(), "the last user stopped the server");
    }
}
