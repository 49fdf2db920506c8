package io.postkit.core.internal.embedded;

import io.postkit.core.api.Machine;
import io.postkit.core.api.PostkitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The OS user the server runs as. initdb and postgres refuse to run as root, so a build running as root hands
 * them to an unprivileged user through {@code setpriv}; otherwise they run as the build's own user.
 */
public final class ServerUser {

    private final String name;
    private final Path homeDir;

    private ServerUser(String name, Path homeDir) {
        this.name = name;
        this.homeDir = homeDir;
    }

    /** The build's own user, or the machine's unprivileged {@code osUser} when the build runs as root. */
    public static ServerUser of(Machine machine) {
        return new ServerUser(machine.root() ? machine.osUser() : null, machine.homeDir());
    }

    /**
     * Where extracted binaries are cached: {@code ~/.postkit/postgres}, except when the server runs as another user:
     * a home such as {@code /root} is not readable by it, so the cache goes to a world-readable place.
     */
    public Path binaryCacheRoot() {
        return isSwitched() ? Path.of("/var/tmp/postkit-postgres") : homeDir.resolve(".postkit").resolve("postgres");
    }

    /** Where {@code postkit:diff} keeps its server's data, for the same reason as {@link #binaryCacheRoot()}. */
    public Path diffWorkRoot() {
        return isSwitched() ? Path.of("/var/tmp/postkit-diff") : homeDir.resolve(".postkit").resolve("diff");
    }

    /**
     * Where a project's local servers keep their data: {@code preferred} ({@code .postkit/local}) when this user
     * can reach it; else, since a project in a home folder or a {@code mktemp -d} folder (0700) is closed to the
     * unprivileged user, a folder under {@code /var/tmp/postkit-local} named after the project's path, so each
     * project keeps its own.
     */
    public Path localDataRoot(Path preferred, Path projectDir) {
        if (canTraverse(preferred.resolve("pg"))) {
            return preferred;
        }
        Path project = projectDir.toAbsolutePath().normalize();
        String hash = sha256(project.toString()).substring(0, 16);
        String name = project.getFileName() == null ? "root" : project.getFileName().toString()
                .replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of("/var/tmp/postkit-local").resolve(name + "-" + hash);
    }

    public boolean isSwitched() {
        return name != null;
    }

    public String describe() {
        return isSwitched() ? "OS user '" + name + "'" : "the build's OS user";
    }

    /** The command, prefixed with a switch to the server user when needed. */
    List<String> command(List<String> command) {
        if (!isSwitched()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + name, "--regid=" + primaryGroup(),
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes the server user own {@code dir} (0700, as postgres demands of a data directory). */
    void takeOwnership(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        if (!isSwitched()) {
            return;
        }
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        UserPrincipal user = lookup.lookupPrincipalByName(name);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(primaryGroup());
        view.setOwner(user);
        view.setGroup(group);
    }

    /**
     * Whether the server user can reach {@code path}: every ancestor must be searchable by it. Folders that do not
     * exist yet are created with the usual permissions, which let it through.
     */
    boolean canTraverse(Path path) {
        if (!isSwitched()) {
            return true;
        }
        for (Path p = path.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private String primaryGroup() {
        CommandRunner.Result result = CommandRunner.run(List.of("id", "-gn", name), Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new PostkitException("The build runs as root, so PostgreSQL must run as an unprivileged user, but '"
                    + name + "' does not exist (" + result.output() + "). Set <local><osUser> (postkit.osUser) to an"
                    + " existing unprivileged user.");
        }
        return result.output().strip();
    }
}
