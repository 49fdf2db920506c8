package io.postkit.core.internal.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of a project's {@code .postkit/} folder. Two kinds of content live there: the team's shared history
 * ({@code db/migrations/}, {@code db/committed.json}: checked in) and one machine's working state (session, plan,
 * local server data, lock: git-ignored by the {@code .gitignore} written here).
 *
 * @param root the {@code .postkit} folder itself
 */
public record StateDirectory(Path root) {

    public static final String NAME = ".postkit";

    /** Kept out of version control: everything that belongs to one machine or one session. */
    static final String GITIGNORE = """
            # postkit: machine-local state. db/migrations/ and db/committed.json are shared history: check them in.
            local/
            server/
            lock
            db/session*
            db/plan.*
            """;

    public StateDirectory {
        Objects.requireNonNull(root, "root");
    }

    /** {@code .postkit/} under a project's base folder. */
    public static StateDirectory of(Path projectBaseDir) {
        return new StateDirectory(projectBaseDir.resolve(NAME));
    }

    public Path sessionFile() {
        return db().resolve("session.json");
    }

    /** The session's migrations, applied to the local clone but not yet committed. */
    public Path sessionMigrations() {
        return db().resolve("session");
    }

    public Path planSql() {
        return db().resolve("plan.sql");
    }

    public Path planJson() {
        return db().resolve("plan.json");
    }

    /** Shared history: committed migration files. */
    public Path committedMigrations() {
        return db().resolve("migrations");
    }

    /** Shared history: what was committed and deployed where. */
    public Path committedFile() {
        return db().resolve("committed.json");
    }

    /** The local servers' data, kept here so it survives {@code mvn clean}. */
    public Path localData() {
        return root.resolve("local");
    }

    public Path lockFile() {
        return root.resolve("lock");
    }

    public Path gitignore() {
        return root.resolve(".gitignore");
    }

    /** Writes the {@code .gitignore} unless there is one: a user's own edits to it are kept. */
    public void ensureGitignore() {
        if (!Files.exists(gitignore())) {
            StateFiles.writeAtomically(gitignore(), GITIGNORE);
        }
    }

    private Path db() {
        return root.resolve("db");
    }
}
