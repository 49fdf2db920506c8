package io.postkit.core.internal.workflow;

import io.postkit.core.api.Machine;
import io.postkit.core.api.PostkitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named points where a goal can be made to stop, for fault-injection tests that kill a real goal at a chosen
 * moment. With {@code POSTKIT_PAUSE_AT=<name>} and {@code POSTKIT_PAUSE_FILE=<file>} in the environment, a goal
 * reaching that point writes the file and waits while it exists: the test kills the process there (kill -9), or
 * deletes the file to let it go on. Without both variables nothing happens.
 */
public final class PausePoint {

    static final String AT = "POSTKIT_PAUSE_AT";
    static final String FILE = "POSTKIT_PAUSE_FILE";

    private PausePoint() {
    }

    public static void reach(Machine machine, String name) {
        String file = machine.environment().get(FILE);
        if (!name.equals(machine.environment().get(AT)) || file == null) {
            return;
        }
        Path signal = Path.of(file);
        try {
            Files.writeString(signal, name);
            while (Files.exists(signal)) {
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new PostkitException("Pause point " + name + ": cannot write " + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
