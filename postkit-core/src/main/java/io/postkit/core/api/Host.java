package io.postkit.core.api;

/**
 * What the machine and the build tool provide: binaries, credentials, a way to ask the user, a log, and the facts of
 * the machine. The Maven plugin builds one per goal; tests build their own.
 */
public record Host(PostgresBinaries binaries, ServerCredentials serverCredentials, Confirmation confirmation,
                   PostkitLog log, Machine machine) {
}
