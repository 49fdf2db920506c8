package io.postkit.core.internal.schemafiles;

/** What a file in the schema directory is for, decided by its top folder. */
public enum FileRole {
    /** {@code infra/}: roles, schemas, extensions; applied before migrations and to the shadow, never diffed. */
    INFRA,
    /** Every other {@code .sql} file: the desired state of the managed schemas. */
    DESIRED,
    /** {@code grants/}: applied after migrations. */
    GRANTS,
    /** {@code seeds/}: applied after grants. */
    SEEDS;

    static FileRole of(String topFolder) {
        return switch (topFolder) {
            case "infra" -> INFRA;
            case "grants" -> GRANTS;
            case "seeds" -> SEEDS;
            default -> DESIRED;
        };
    }
}
