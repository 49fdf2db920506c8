package io.postkit.core.internal.state;

import io.postkit.core.api.PostkitException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a project's {@code .postkit/} held by a goal while it works, so two goals never change the
 * same session or local server at once. The OS drops it when the process dies.
 */
public final class ProjectLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @param stateDir the project's {@code .postkit/} folder, created when missing */
    public static ProjectLock acquire(Path stateDir) {
        Path file = new StateDirectory(stateDir).lockFile();
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(stateDir);
            }
            return new ProjectLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw busy(stateDir);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PostkitException("Cannot lock " + file + ": " + e.getMessage(), e);
        } catch (PostkitException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static PostkitException busy(Path stateDir) {
        return new PostkitException("Another postkit goal is running in this project (" + stateDir + " is locked)."
                + " Wait for it to finish, then run this goal again.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked
            }
        }
    }

    /** Closing the channel releases the lock too, so the channel is closed even when the release fails. */
    @Override
    public void close() {
        try (channel) {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            throw new PostkitException("Cannot release the project lock: " + e.getMessage(), e);
        }
    }
}
