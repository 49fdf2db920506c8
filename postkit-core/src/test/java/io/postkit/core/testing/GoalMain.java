package io.postkit.core.testing;

import io.postkit.core.AbortCommand;
import io.postkit.core.ApplyCommand;
import io.postkit.core.CommitCommand;
import io.postkit.core.DeployCommand;
import io.postkit.core.DiffCommand;
import io.postkit.core.ImportCommand;
import io.postkit.core.PlanCommand;
import io.postkit.core.StartCommand;
import io.postkit.core.StatusCommand;
import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.Workspace;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A goal run in a JVM of its own, so a test can kill it (kill -9) at a chosen moment or run two at once:
 * {@code GoalMain <goal> <project or work folder> [key=value…]} ({@code clock=<instant>} fixes import's clock).
 * Prints the goal's log lines ("INFO …", "WARN …"),
 * then "DONE", or "FAILED <message>" and exits with 1. Variables of the environment named {@code POSTKIT_*} reach
 * the goal's machine (pause points).
 */
public final class GoalMain {

    private GoalMain() {
    }

    public static void main(String[] args) {
        String goal = args[0];
        Path dir = Path.of(args[1]);
        Map<String, String> options = new TreeMap<>();
        for (String arg : List.of(args).subList(2, args.length)) {
            options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        try {
            run(goal, dir, options);
            System.out.println("DONE");
            System.exit(0);
        } catch (PostkitException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String goal, Path dir, Map<String, String> options) {
        Map<String, String> environment = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("POSTKIT_")) {
                environment.put(k, v);
            }
        });
        Workspace workspace = TestProject.workspace(dir, options.getOrDefault("remote", "jdbc:postgresql://none/x"),
                PRINT, false, false, environment);
        Clock clock = Clock.systemUTC();
        switch (goal) {
            case "start" -> new StartCommand(workspace, clock).run(null);
            case "plan" -> new PlanCommand(workspace, clock).run();
            case "apply" -> new ApplyCommand(workspace, clock).run(new ApplyCommand.Options(
                    Boolean.parseBoolean(options.get("allowDataLoss")), options.get("name")));
            case "commit" -> new CommitCommand(workspace, clock).run();
            case "deploy" -> new DeployCommand(workspace, clock).run(new DeployCommand.Options(null, false, true,
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("lockWait", "0"))), Duration.ofSeconds(5),
                    3));
            case "abort" -> new AbortCommand(workspace).run();
            case "status" -> new StatusCommand(workspace).run(true);
            case "diff" -> diff(workspace, dir, options);
            case "import" -> new ImportCommand(workspace, options.containsKey("clock")
                    ? Clock.fixed(Instant.parse(options.get("clock")), ZoneOffset.UTC) : clock)
                    .run(new ImportCommand.Request(null, false, true));
            default -> throw new IllegalArgumentException("unknown goal " + goal);
        }
    }

    /** {@code diff} as often as {@code repeat} says, each result on one line: "SQL <statements joined by |>". */
    private static void diff(Workspace workspace, Path workDir, Map<String, String> options) {
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
        DiffCommand diff = new DiffCommand(workspace.host(), workDir);
        for (int i = 0; i < repeat; i++) {
            String sql = diff.run(new DiffCommand.Request(options.get("from"), options.get("to"),
                    Integer.valueOf(options.getOrDefault("major", "18")), List.of()));
            System.out.println("SQL " + sql.strip().replace("\n", "|"));
        }
    }

    private static final PostkitLog PRINT = new PostkitLog() {
        @Override
        public void info(String message) {
            System.out.println("INFO " + message);
        }

        @Override
        public void warn(String message) {
            System.out.println("WARN " + message);
        }

        @Override
        public void debug(String message) {
        }
    };
}
