package io.postkit.core.internal.embedded;

import io.postkit.core.api.PostkitException;
import io.postkit.core.api.PostkitLog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One process's use of an embedded server that several processes may use at once (two CI jobs, {@code mvn -T},
 * two terminals). A process using the server holds a shared lock on {@code <dataDir>.users}; starting and stopping
 * happen under an exclusive lock on {@code <dataDir>.lock}. The last process to leave stops the server unless it
 * asks to keep it running, so nobody stops a server under another, and a server nobody uses does not run for good.
 * File locks belong to a process, so the threads of one JVM share its lease.
 */
public final class ServerLease {

    /** Per data directory: this JVM's shared lock and how many of its threads use the server. */
    private static final Map<Path, Users> USERS = new HashMap<>();

    private final EmbeddedPostgres postgres;
    /** Leave the server as it was found: running if it ran, with no word about why (a look, for status). */
    private final boolean asFound;
    private boolean released;

    private ServerLease(EmbeddedPostgres postgres, boolean asFound) {
        this.postgres = postgres;
        this.asFound = asFound;
    }

    /**
     * Starts the server, or joins it when it runs; says so in one line when it was left running by a goal that did
     * not finish (nobody uses it and nobody asked to keep it). Closing the returned handle leaves the server.
     */
    public static RunningServer acquire(EmbeddedPostgres postgres, PostkitLog log) {
        return acquire(postgres, log, false);
    }

    /**
     * Starts or joins the server only to look at it: closing the handle leaves a server that was running as it was
     * (neither stopped nor marked as kept), and stops one it started unless another process joined meanwhile.
     */
    public static RunningServer inspect(EmbeddedPostgres postgres) {
        return acquire(postgres, PostkitLog.SILENT, true);
    }

    private static RunningServer acquire(EmbeddedPostgres postgres, PostkitLog log, boolean asFound) {
        Path dataDir = postgres.dataDir();
        synchronized (USERS) {
            try (FileChannel control = open(controlFile(dataDir)); FileLock ignored = control.lock()) {
                Users users = USERS.get(dataDir);
                boolean othersUse = users != null;
                if (users == null) {
                    FileChannel channel = open(usersFile(dataDir));
                    othersUse = !nobodyElseUses(channel);
                    users = new Users(channel, channel.lock(0, Long.MAX_VALUE, true));
                    USERS.put(dataDir, users);
                }
                users.count++;
                try {
                    RunningServer server = start(postgres, othersUse, log);
                    return server.leasedBy(new ServerLease(postgres, asFound && !server.startedHere()));
                } catch (RuntimeException e) {
                    leave(dataDir, users);
                    throw e;
                }
            } catch (IOException e) {
                throw new PostkitException("Cannot lock " + controlFile(dataDir) + ": " + e.getMessage(), e);
            }
        }
    }

    private static RunningServer start(EmbeddedPostgres postgres, boolean othersUse, PostkitLog log) {
        var running = postgres.running();
        if (running.isEmpty()) {
            return postgres.start();
        }
        if (!othersUse && !Files.exists(keptFile(postgres.dataDir()))) {
            log.info("The local PostgreSQL server on " + postgres.dataDir() + " was left running by a goal that did"
                    + " not finish; it is stopped when this goal ends.");
        }
        return running.get();
    }

    /** Leaves the server; the last process to leave stops it, unless {@code keepRunning}. */
    void release(boolean keepRunning) {
        Path dataDir = postgres.dataDir();
        synchronized (USERS) {
            if (released) {
                return;
            }
            released = true;
            try (FileChannel control = open(controlFile(dataDir)); FileLock ignored = control.lock()) {
                Users users = USERS.get(dataDir);
                if (users == null || !leave(dataDir, users)) {
                    return;
                }
                try (FileChannel channel = open(usersFile(dataDir)); FileLock alone = channel.tryLock()) {
                    if (alone == null || asFound) {
                        return;
                    }
                    if (keepRunning) {
                        Files.writeString(keptFile(dataDir), "kept running by -Dpostkit.keepRunning\n");
                    } else {
                        Files.deleteIfExists(keptFile(dataDir));
                        postgres.stop();
                    }
                }
            } catch (IOException e) {
                throw new PostkitException("Cannot lock " + controlFile(dataDir) + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether a server on {@code dataDir} is in use by some process now (for status). */
    public static boolean inUse(Path dataDir) {
        synchronized (USERS) {
            if (USERS.containsKey(dataDir.toAbsolutePath().normalize())) {
                return true;
            }
            if (!Files.exists(usersFile(dataDir))) {
                return false;
            }
            try (FileChannel channel = open(usersFile(dataDir))) {
                return !nobodyElseUses(channel);
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Whether the last goal that left it asked to keep it running ({@code -Dpostkit.keepRunning}). */
    public static boolean keptRunning(Path dataDir) {
        return Files.exists(keptFile(dataDir));
    }

    /** @return whether this JVM no longer uses the server (its shared lock is gone) */
    private static boolean leave(Path dataDir, Users users) {
        if (--users.count > 0) {
            return false;
        }
        USERS.remove(dataDir);
        try (FileChannel channel = users.channel) {
            users.lock.release();
        } catch (IOException e) {
            throw new PostkitException("Cannot release " + usersFile(dataDir) + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Only tried under the control lock, so nobody takes a shared lock meanwhile. */
    private static boolean nobodyElseUses(FileChannel channel) throws IOException {
        FileLock probe = channel.tryLock();
        if (probe == null) {
            return false;
        }
        probe.release();
        return true;
    }

    /**
     * Read and write: a shared lock needs a readable channel. Never opened twice at once in this JVM: POSIX locks
     * belong to the process, and closing any channel on a file drops all of the process's locks on it.
     */
    private static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static Path controlFile(Path dataDir) {
        return sibling(dataDir, ".lock");
    }

    private static Path usersFile(Path dataDir) {
        return sibling(dataDir, ".users");
    }

    private static Path keptFile(Path dataDir) {
        return sibling(dataDir, ".kept");
    }

    private static Path sibling(Path dataDir, String suffix) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    private static final class Users {
        private final FileChannel channel;
        private final FileLock lock;
        private int count;

        private Users(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }
}
