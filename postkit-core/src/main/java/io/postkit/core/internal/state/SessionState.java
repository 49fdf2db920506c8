package io.postkit.core.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code .postkit/db/session.json}: the session from {@code start} to {@code commit} or {@code abort}. Names the
 * remote (never its URL or credentials) and the local clone with the identity of the server that holds it.
 *
 * @param migrations versions of the migrations applied to the clone in this session
 * @param localToken the token of the clone's creation marker: the proof that a database is this session's clone
 *                   (null in sessions started before markers existed)
 */
public record SessionState(int formatVersion, String remote, int remoteMajor, String localDatabase,
                           String localSystemIdentifier, Instant startedAt, Stage state, List<String> migrations,
                           String localToken) {

    public static final int FORMAT_VERSION = 1;

    /** Where a session is. */
    public enum Stage { STARTED, PLANNED, APPLIED }

    public SessionState {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(localDatabase, "localDatabase");
        Objects.requireNonNull(localSystemIdentifier, "localSystemIdentifier");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(state, "state");
        migrations = migrations == null ? List.of() : List.copyOf(migrations);
    }

    public static SessionState started(String remote, int remoteMajor, String localDatabase,
                                       String localSystemIdentifier, Instant startedAt) {
        return started(remote, remoteMajor, localDatabase, localSystemIdentifier, null, startedAt);
    }

    public static SessionState started(String remote, int remoteMajor, String localDatabase,
                                       String localSystemIdentifier, String localToken, Instant startedAt) {
        return new SessionState(FORMAT_VERSION, remote, remoteMajor, localDatabase, localSystemIdentifier, startedAt,
                Stage.STARTED, List.of(), localToken);
    }

    public SessionState planned() {
        return withStage(Stage.PLANNED, migrations);
    }

    public SessionState applied(String version) {
        List<String> all = new ArrayList<>(migrations);
        all.add(version);
        return withStage(Stage.APPLIED, all);
    }

    /** The same session with exactly these migrations applied, as the clone's migration table says. */
    public SessionState withMigrations(List<String> versions) {
        return withStage(versions.isEmpty() ? (state == Stage.APPLIED ? Stage.STARTED : state) : Stage.APPLIED,
                versions);
    }

    private SessionState withStage(Stage stage, List<String> versions) {
        return new SessionState(formatVersion, remote, remoteMajor, localDatabase, localSystemIdentifier, startedAt,
                stage, versions, localToken);
    }
}
