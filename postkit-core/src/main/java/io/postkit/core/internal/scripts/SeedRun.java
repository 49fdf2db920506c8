package io.postkit.core.internal.scripts;

/** Where seeds run, which says as whom and whether each file is run a second time to prove it idempotent. */
public enum SeedRun {
    /** The session's local clone: in a {@link SeedSandbox}, and every file twice. */
    CLONE(true, true),
    /** A local clone of a remote, the deploy's dry run: in a {@link SeedSandbox}. */
    DRY_RUN(true, false),
    /** A remote: as the user postkit connects as, as the deploy runs everything there. */
    REMOTE(false, false);

    private final boolean sandboxed;
    private final boolean checksIdempotence;

    SeedRun(boolean sandboxed, boolean checksIdempotence) {
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
