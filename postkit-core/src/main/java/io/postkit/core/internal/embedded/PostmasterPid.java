package io.postkit.core.internal.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code postmaster.pid}: line 1 is the postmaster's PID, line 4 its port. A server left behind by a killed build is
 * found through it, so postkit joins or stops that server instead of starting a second one on the same directory.
 */
record PostmasterPid(long pid, int port) {

    static Optional<PostmasterPid> read(Path dataDir) {
        Path file = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).strip()),
                    Integer.parseInt(lines.get(3).strip())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Whether the postmaster has ended: gone, or a zombie. Once pg_ctl has daemonised it, its parent is the
     * system's init, which may take seconds to collect its exit status (about two in the containers and VMs CI
     * runs in); a zombie holds no port, file or memory, and Java still calls it alive.
     */
    boolean hasEnded() {
        return !isAlive() || isZombie();
    }

    /** Linux's {@code /proc/<pid>/stat}: the state follows the command name in parentheses. */
    private boolean isZombie() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
