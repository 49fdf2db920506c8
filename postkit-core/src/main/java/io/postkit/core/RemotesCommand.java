package io.postkit.core;

import io.postkit.core.api.RemoteConfig;
import io.postkit.core.api.RemoteStatus;
import io.postkit.core.api.Workspace;
import io.postkit.core.internal.migration.MigrationFile;
import io.postkit.core.internal.state.JsonStateFile;
import io.postkit.core.internal.workflow.Project;
import io.postkit.core.internal.workflow.RemoteInspection;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code postkit:remotes}: every configured remote, tested: reachable or not (and why), its PostgreSQL version,
 * the round-trip latency, and the committed migrations it has not applied. Never shows credentials.
 */
public final class RemotesCommand {

    public record Result(List<RemoteStatus> remotes) {

        public Result {
            remotes = List.copyOf(remotes);
        }

        /** One JSON document, for CI scripts ({@code -Dpostkit.format=json}). */
        public String json() {
            return JsonStateFile.render(this);
        }
    }

    private final Project project;

    public RemotesCommand(Workspace workspace) {
        this.project = new Project(workspace);
    }

    public Result run() {
        List<MigrationFile> committed = project.state().committedMigrations();
        RemoteInspection inspection = new RemoteInspection(project);
        List<RemoteStatus> remotes = new ArrayList<>();
        if (project.settings().remotes().isEmpty()) {
            project.log().info("No remotes are configured (<remotes> in the plugin's configuration).");
        }
        for (RemoteConfig remote : project.settings().remotes()) {
            RemoteStatus status = inspection.inspect(remote, committed);
            remotes.add(status);
            project.log().info("Remote '" + remote.name() + "'" + (remote.isDefault() ? " (default)" : "") + " at "
                    + status.location() + ": " + (status.reachable() ? "reachable, " : "")
                    + RemoteInspection.summary(status));
            String unknown = RemoteInspection.unknownWarning(status);
            if (unknown != null) {
                project.log().warn(unknown);
            }
        }
        return new Result(remotes);
    }
}
