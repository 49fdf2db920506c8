package io.postkit.core;

import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * session.json, committed.json and migration files are the same bytes in every JVM for the same input. Hash sets and
 * maps iterate in an order salted per JVM run, so only separate processes show it (as PlanDeterminismIT does for
 * plans and fingerprints).
 */
class StateFilesDeterminismIT {

    @Test
    void twoJvmsWriteTheSameStateFiles() throws Exception {
        String first = runMain("first");
        String second = runMain("second");

        assertEquals(first, second, "two JVMs wrote different state files");
        assertTrue(first.contains("== db/committed.json\n"), first);
        assertTrue(first.contains("== db/session.json\n"), first);
        assertTrue(first.contains("== db/migrations/20261201100002_backfill.sql\n-- migrate:up\n"), first);
        List<String> deployedTo = first.lines().filter(l -> l.matches("\\s+\"[a-z-]+\" : \"2026-12-01T10:00:0\\dZ\",?"))
                .map(l -> l.strip().substring(1, l.strip().indexOf("\"", 1))).distinct().toList();
        assertEquals(List.of("dev", "eu-west", "perf", "prod", "qa", "staging", "us-east"), deployedTo,
                "deployments by remote name");
    }

    private static String runMain(String name) throws Exception {
        Path dir = TestPostgres.workDir().resolve("determinism").resolve(name + "-" + System.nanoTime());
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StateFilesMain.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
