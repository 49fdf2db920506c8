package io.postkit.core.workflow;

import io.postkit.core.PostkitLog;
import io.postkit.core.embedded.PostgresBinaries;
import io.postkit.core.embedded.ServerUser;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the machine and the build tool provide: binaries, credentials, the environment, a way to ask the user, a
 * log. The Maven plugin builds one per goal; tests build their own.
 */
public record Host(PostgresBinaries binaries, ServerUser serverUser, ServerCredentials serverCredentials,
                   Map<String, String> environment, Path homeDir, Confirmation confirmation, PostkitLog log) {

    public Host {
        environment = Map.copyOf(environment);
    }
}
