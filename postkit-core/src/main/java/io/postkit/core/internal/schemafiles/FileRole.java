package io.postkit.core.internal.schemafiles;

/** What a file in the schema directory is for, decided by its top folder. */
public enum FileRole {
    /** {@code infra/}: roles, schemas, extensions; run before migrations and in the shadow, never diffed. */
    INFRA,
    /** Every other {@code .sql} file: the desired state of the managed schemas. */
    DESIRED,
    /**
     * {@code grants/} (also {@code policies/}, as PostKit projects name it): run in the shadow after the schema
     * files, so the privileges they give are desired state, and again after migrations.
     */
    GRANTS,
    /** {@code seeds/} (also {@code seed/}): idempotent data, run after grants. */
    SEEDS;

    static FileRole of(String topFolder) {
        return switch (topFolder) {
            case "infra" -> INFRA;
            case "grants", "policies" -> GRANTS;
            case "seeds", "seed" -> SEEDS;
            default -> DESIRED;
        };
    }
}
