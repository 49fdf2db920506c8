package io.postkit.core.internal.scripts;

/**
 * Where infra, grants and seeds run, which says as whom (on a local database, infra and seeds run as a role that is
 * not a superuser) and whether each seed file is run a second time to prove it idempotent.
 */
public enum ScriptTarget {
    /** The session's local clone: sandboxed ({@link InfraSandbox}, {@link DefinerSandbox}), and seeds twice. */
    CLONE(true, true),
    /** Another local database (a deploy's dry run, check's replay): sandboxed. */
    DRY_RUN(true, false),
    /** A remote: as the user postkit connects as, as the deploy runs everything there. */
    REMOTE(false, false);

    private final boolean sandboxed;
    private final boolean checksIdempotence;

    ScriptTarget(boolean sandboxed, boolean checksIdempotence) {
        this.sandboxed = sandboxed;
        this.checksIdempotence = checksIdempotence;
    }

    public boolean sandboxed() {
        return sandboxed;
    }

    public boolean checksIdempotence() {
        return checksIdempotence;
    }
}
