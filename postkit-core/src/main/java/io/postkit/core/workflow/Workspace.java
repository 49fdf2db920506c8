package io.postkit.core.workflow;

import io.postkit.core.PostkitLog;
import io.postkit.core.config.ProjectSettings;
import io.postkit.core.config.RemoteConfig;
import io.postkit.core.connect.RemoteConnector;
import io.postkit.core.local.LocalServers;
import io.postkit.core.migration.MigrationTable;

import java.sql.Connection;

/** One project's postkit world: its settings, its state folder, its local servers, its remotes. */
public final class Workspace {

    private final ProjectSettings settings;
    private final Host host;
    private final ProjectState state;

    public Workspace(ProjectSettings settings, Host host) {
        this.settings = settings;
        this.host = host;
        this.state = new ProjectState(settings.stateDir());
    }

    public ProjectSettings settings() {
        return settings;
    }

    public Host host() {
        return host;
    }

    public PostkitLog log() {
        return host.log();
    }

    ProjectState state() {
        return state;
    }

    LocalServers localServers() {
        return new LocalServers(settings.localDir(), host.binaries(), host.serverUser(), settings.keepRunning(),
                host.log());
    }

    Connection openRemote(RemoteConfig remote) {
        return new RemoteConnector(host).open(remote);
    }

    MigrationTable migrationTable() {
        return new MigrationTable(settings.migrationTableName());
    }
}
