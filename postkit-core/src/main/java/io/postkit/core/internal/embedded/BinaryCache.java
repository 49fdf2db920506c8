package io.postkit.core.internal.embedded;

import io.postkit.core.api.BinariesArchive;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Extracted PostgreSQL installations, one folder per version, shared by every project of the user. A file lock
 * guards extraction so parallel builds never see a half-extracted folder; a marker file says it is complete.
 */
public final class BinaryCache {

    private static final String COMPLETE = ".postkit-complete";

    private final Path root;
    private final PostkitLog log;

    public BinaryCache(Path root, PostkitLog log) {
        this.root = root;
        this.log = log;
    }

    /** The installation folder ({@code bin/}, {@code lib/}, {@code share/}) of this archive's version. */
    public Path install(BinariesArchive archive) {
        Path target = root.resolve(archive.version());
        if (Files.exists(target.resolve(COMPLETE))) {
            return target;
        }
        try {
            createWorldReadable(root);
            try (FileChannel channel = FileChannel.open(root.resolve(archive.version() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.exists(target.resolve(COMPLETE))) {
                    extract(archive, target);
                }
            }
            return target;
        } catch (IOException e) {
            throw new PostkitException("Could not extract PostgreSQL " + archive.version() + " from " + archive.jar()
                    + " into " + target + ": " + e.getMessage() + ". Check that the folder is writable.", e);
        }
    }

    private void extract(BinariesArchive archive, Path target) throws IOException {
        long started = System.nanoTime();
        Path staging = Files.createTempDirectory(root, archive.version() + ".extracting");
        try {
            Path txz = staging.resolve("postgres.txz");
            copyTxz(archive.jar(), txz);
            CommandRunner.Result tar = CommandRunner.run(
                    List.of("tar", "-xJf", txz.toString(), "-C", staging.toString()), Duration.ofMinutes(5));
            if (tar.exitCode() != 0) {
                throw new IOException("tar failed: " + tar.output());
            }
            Files.delete(txz);
            makeReadableByAll(staging);
            Files.writeString(staging.resolve(COMPLETE), archive.version());
            deleteRecursively(target);
            Files.move(staging, target);
        } finally {
            deleteRecursively(staging);
        }
        log.info(String.format("Extracted PostgreSQL %s in %.1f s", archive.version(),
                (System.nanoTime() - started) / 1e9));
    }

    private static void copyTxz(Path jar, Path txz) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("no .txz archive inside " + jar));
            try (InputStream in = file.getInputStream(entry); OutputStream out = Files.newOutputStream(txz)) {
                in.transferTo(out);
            }
        }
    }

    private static void createWorldReadable(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void makeReadableByAll(Path dir) throws IOException {
        CommandRunner.Result chmod = CommandRunner.run(List.of("chmod", "-R", "a+rX", dir.toString()),
                Duration.ofMinutes(1));
        if (chmod.exitCode() != 0) {
            throw new IOException("chmod failed: " + chmod.output());
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
