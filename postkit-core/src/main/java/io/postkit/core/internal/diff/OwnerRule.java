package io.postkit.core.internal.diff;

/**
 * Whether a diff changes owners (SPEC §5: ownership, off by default).
 *
 * @param managed    owners are compared at all
 * @param unsetOwner a desired owner that means "not said": the role that built the desired side (the shadow's
 *                   superuser) owns what the schema files gave no owner, and such objects keep the owner they have;
 *                   null compares every owner (a clone reproduces its source's)
 */
public record OwnerRule(boolean managed, String unsetOwner) {

    /** Owners are left as they are (the default). */
    public static final OwnerRule IGNORED = new OwnerRule(false, null);

    /** Every owner as the desired side has it: a clone. */
    public static final OwnerRule ALL = new OwnerRule(true, null);

    /** {@code manageOwners}: the owners the schema files set ({@code ALTER … OWNER TO}). */
    public static OwnerRule declared(String shadowUser) {
        return new OwnerRule(true, shadowUser);
    }
}
