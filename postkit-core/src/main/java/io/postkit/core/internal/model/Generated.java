package io.postkit.core.internal.model;

/** {@code pg_attribute.attgenerated}: a generated column's kind. */
public enum Generated {
    NONE, STORED, VIRTUAL;

    public static Generated fromCatalog(String attgenerated) {
        if (attgenerated == null) {
            return NONE;
        }
        return switch (attgenerated) {
            case "s" -> STORED;
            case "v" -> VIRTUAL;
            default -> NONE;
        };
    }
}
