package io.postkit.core.state;

import io.postkit.core.PostkitException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Plain files under {@code .postkit/}: written atomically, and a {@code .gitignore} for what is not shared. */
public final class StateFiles {

    /** Machine-local state; {@code db/migrations/} and {@code db/committed.json} are the team's and stay tracked. */
    static final String GITIGNORE = """
            # postkit: machine-local state. db/migrations/ and db/committed.json are shared history: check them in.
            local/
            server/
            lock
            db/session*
            db/plan.*
            """;

    private StateFiles() {
    }

    public static void ensureGitignore(Path stateDir) {
        Path file = stateDir.resolve(".gitignore");
        if (!Files.exists(file)) {
            writeAtomically(file, GITIGNORE);
        }
    }

    public static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                JsonStateFile.move(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PostkitException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new PostkitException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
