package io.postkit.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A postkit goal running in a child JVM ({@link GoalMain}): a real process a test can kill with
 * {@link Process#destroyForcibly()} (SIGKILL, as kill -9) at a chosen moment, or run beside another.
 */
public final class ChildGoal implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildGoal(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * @param environment e.g. {@code POSTKIT_PAUSE_AT}: a pause point the goal stops at, for the test to kill it there
     * @param args        the goal, the folder, then key=value options (see {@link GoalMain})
     */
    public static ChildGoal start(Map<String, String> environment, String... args) throws IOException {
        Files.createDirectories(TestPostgres.workDir());
        Path output = Files.createTempFile(TestPostgres.workDir(), "goal-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dpostkit.test.binaries=" + System.getProperty("postkit.test.binaries"),
                "-Dpostkit.test.workDir=" + TestPostgres.workDir(),
                "-cp", System.getProperty("java.class.path"), GoalMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new ChildGoal(builder.start(), output);
    }

    /** Runs a goal to its end and returns its output. */
    public static String run(Map<String, String> environment, String... args) throws Exception {
        try (ChildGoal goal = start(environment, args)) {
            goal.awaitExit(Duration.ofMinutes(3));
            return goal.output();
        }
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    /** Waits until the output holds {@code text}; fails (showing the output) when the goal ends or time runs out. */
    public void awaitOutput(String text, Duration timeout) throws Exception {
        await(() -> output().contains(text), timeout, "output containing '" + text + "'");
    }

    /** Waits until {@code condition} holds while the goal runs. */
    public void await(Callable<Boolean> condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            if (!process.isAlive()) {
                fail("The goal ended (exit " + process.exitValue() + ") before " + what + ":\n" + output());
            }
            Thread.sleep(20);
        }
        fail("No " + what + " within " + timeout.toSeconds() + " s:\n" + output());
    }

    /** kill -9: the JVM gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("The goal did not end within " + timeout.toSeconds() + " s:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill();
        }
        Files.deleteIfExists(output);
    }
}
