package io.postkit.core.internal.model;

/** {@code pg_attribute.attidentity}. */
public enum Identity {
    NONE, ALWAYS, BY_DEFAULT;

    public static Identity fromCatalog(String attidentity) {
        if (attidentity == null || attidentity.isEmpty()) {
            return NONE;
        }
        return switch (attidentity) {
            case "a" -> ALWAYS;
            case "d" -> BY_DEFAULT;
            default -> NONE;
        };
    }
}
