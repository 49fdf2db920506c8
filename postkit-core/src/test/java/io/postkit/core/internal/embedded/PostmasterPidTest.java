package io.postkit.core.internal.embedded;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A stopped server has ended even while its parent has not collected it: a zombie is no running server. */
class PostmasterPidTest {

    @Test
    void aZombieHasEndedThoughJavaCallsItAlive() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        // sh starts a short sleep, then becomes a long one, which never collects the short one's exit
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & echo $!; exec sleep 30").start();
        try {
            long child;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                child = Long.parseLong(out.readLine().strip());
            }
            PostmasterPid exited = new PostmasterPid(child, 0);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!exited.hasEnded() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(exited.hasEnded(), "the short sleep ended");
            assertTrue(exited.isAlive(), "and is a zombie, which Java still calls alive");
            assertFalse(new PostmasterPid(parent.pid(), 0).hasEnded(), "the long sleep runs on");
        } finally {
            parent.destroyForcibly();
        }
    }
}
