package io.postkit.core.internal.plan;

/**
 * What a plan was made from. {@code apply} refuses a plan whose inputs changed since.
 *
 * @param schemaFiles the schema directory's files (the schema directory's fingerprint)
 * @param current     the local clone's schema when the plan was made
 * @param desired     the desired schema read back from the shadow database
 */
public record Fingerprints(String schemaFiles, String current, String desired) {
}
