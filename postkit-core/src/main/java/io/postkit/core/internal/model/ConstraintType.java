package io.postkit.core.internal.model;

/** {@code pg_constraint.contype}, for the kinds the engine manages. */
public enum ConstraintType {
    PRIMARY_KEY("p"), UNIQUE("u"), FOREIGN_KEY("f"), CHECK("c"), EXCLUDE("x");

    private final String code;

    ConstraintType(String code) {
        this.code = code;
    }

    public static ConstraintType fromCatalog(String contype) {
        for (ConstraintType type : values()) {
            if (type.code.equals(contype)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported constraint type '" + contype + "'");
    }
}
