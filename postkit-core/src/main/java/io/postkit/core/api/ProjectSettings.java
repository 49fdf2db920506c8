package io.postkit.core.api;

import java.nio.file.Path;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project's postkit configuration, validated once so the goals can trust it.
 *
 * @param baseDir     the project folder; {@code .postkit/} lives here
 * @param schemaDir   the schema directory ({@code db/schema} by default)
 * @param schemas     the managed schemas
 * @param localDataDir where the local servers keep their data, or null for {@code .postkit/local}
 * @param keepRunning leave the local server running after a goal
 * @param cloneWorkers parallel connections for copying data
 * @param online       plans build indexes concurrently and validate constraints apart (SPEC §5, online mode)
 * @param manageOwners plans set the owners the schema files give ({@code ALTER … OWNER TO}); off by default
 * @param localProvider where the local PostgreSQL runs (embedded by default)
 * @param cloneOptions how much data clones copy (start, and the deploy's dry run)
 */
public record ProjectSettings(Path baseDir, Path schemaDir, List<String> schemas, List<RemoteConfig> remotes,
                              Path localDataDir, boolean keepRunning, int cloneWorkers, boolean online,
                              boolean manageOwners, LocalProvider localProvider, CloneOptions cloneOptions) {

    public ProjectSettings {
        schemas = List.copyOf(schemas.isEmpty() ? List.of("public") : schemas);
        remotes = List.copyOf(remotes);
        localProvider = localProvider == null ? LocalProvider.EMBEDDED : localProvider;
        cloneOptions = cloneOptions == null ? CloneOptions.FULL : cloneOptions;
        validate(remotes);
    }

    /** Settings with the embedded local provider, whose clones copy every row. */
    public ProjectSettings(Path baseDir, Path schemaDir, List<String> schemas, List<RemoteConfig> remotes,
                           Path localDataDir, boolean keepRunning, int cloneWorkers, boolean online,
                           boolean manageOwners) {
        this(baseDir, schemaDir, schemas, remotes, localDataDir, keepRunning, cloneWorkers, online, manageOwners,
                LocalProvider.EMBEDDED, CloneOptions.FULL);
    }

    /** Settings as most goals need them: offline plans. */
    public ProjectSettings(Path baseDir, Path schemaDir, List<String> schemas, List<RemoteConfig> remotes,
                           Path localDataDir, boolean keepRunning, int cloneWorkers) {
        this(baseDir, schemaDir, schemas, remotes, localDataDir, keepRunning, cloneWorkers, false, false);
    }

    /** These settings with other clone options. */
    public ProjectSettings withClone(CloneOptions options) {
        return new ProjectSettings(baseDir, schemaDir, schemas, remotes, localDataDir, keepRunning, cloneWorkers, online,
                manageOwners, localProvider, options);
    }

    /** The project's {@code .postkit} folder. */
    public Path stateDir() {
        return baseDir.resolve(".postkit");
    }

    /** Where the local servers keep their data: {@code localDataDir}, else {@code .postkit/local}. */
    public Path localDir() {
        return localDataDir != null ? localDataDir : stateDir().resolve("local");
    }

    /** A path as the user sees it in messages: relative to the project when inside it. */
    public String displayPath(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path base = baseDir.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
    }

    /** The remote named {@code name}, or the default remote when {@code name} is null or blank. */
    public RemoteConfig remote(String name) {
        if (remotes.isEmpty()) {
            throw new PostkitException("No remotes are configured. Add <remotes><remote><name>…</name><url>jdbc:"
                    + "postgresql://host:5432/db</url><serverId>…</serverId><default>true</default></remote>"
                    + "</remotes> to the postkit plugin's configuration.");
        }
        if (name == null || name.isBlank()) {
            return defaultRemote().orElseThrow(() -> new PostkitException("No default remote: mark one remote"
                    + " <default>true</default> or choose one with -Dpostkit.remote=" + names() + "."));
        }
        return remotes.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new PostkitException("Unknown remote '" + name + "'. Configured remotes: "
                        + names() + "."));
    }

    private Optional<RemoteConfig> defaultRemote() {
        if (remotes.size() == 1) {
            return Optional.of(remotes.get(0));
        }
        return remotes.stream().filter(RemoteConfig::isDefault).findFirst();
    }

    private String names() {
        return String.join(", ", remotes.stream().map(RemoteConfig::name).toList());
    }

    private static void validate(List<RemoteConfig> remotes) {
        Set<String> seen = new TreeSet<>();
        for (RemoteConfig remote : remotes) {
            if (remote.name().isBlank() || !remote.name().matches("[A-Za-z0-9_.-]+")) {
                throw new PostkitException("Remote name '" + remote.name() + "' is not valid: use letters, digits,"
                        + " '.', '_' and '-'.");
            }
            if (!seen.add(remote.name())) {
                throw new PostkitException("Remote '" + remote.name() + "' is configured twice.");
            }
        }
        if (remotes.stream().filter(RemoteConfig::isDefault).count() > 1) {
            throw new PostkitException("More than one remote is marked <default>true</default>; mark only one.");
        }
    }
}
