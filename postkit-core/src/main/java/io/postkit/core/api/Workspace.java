package io.postkit.core.api;

/** One project's postkit world: its settings and what the machine and build tool provide. */
public record Workspace(ProjectSettings settings, Host host) {

    public PostkitLog log() {
        return host.log();
    }
}
