package io.postkit.core.embedded;

import io.postkit.core.PostkitException;

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

    public static final String DEFAULT_UNPRIVILEGED = "nobody";

    private final String name;

    private ServerUser(String name) {
        this.name = name;
    }

    /** The build's own user, or {@code unprivileged} when the build runs as root. */
    public static ServerUser forCurrentProcess(String unprivileged) {
        return isRoot() ? new ServerUser(unprivileged) : new ServerUser(null);
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

    /** Whether the server user can reach {@code path}: every ancestor must be searchable by it. */
    boolean canTraverse(Path path) {
        if (!isSwitched()) {
            return true;
        }
        for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
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

    private String primaryGroup() {
        CommandRunner.Result result = CommandRunner.run(List.of("id", "-gn", name), Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new PostkitException("The build runs as root, so PostgreSQL must run as an unprivileged user, but '"
                    + name + "' does not exist (" + result.output() + "). Set <local><osUser> (postkit.osUser) to an"
                    + " existing unprivileged user.");
        }
        return result.output().strip();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
