package io.postkit.core.internal.state;

import io.postkit.core.api.PostkitException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Plain files under {@code .postkit/}: written atomically, so a crash never leaves half a file. */
public final class StateFiles {

    private StateFiles() {
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

    /** Renames {@code from} to {@code to} in one step, replacing {@code to}. */
    public static void rename(Path from, Path to) {
        try {
            JsonStateFile.move(from, to);
        } catch (IOException e) {
            throw new PostkitException("Cannot rename " + from + " to " + to.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new PostkitException("Cannot delete " + file + ": " + e.getMessage(), e);
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
