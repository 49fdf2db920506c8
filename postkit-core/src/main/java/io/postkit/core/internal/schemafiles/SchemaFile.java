package io.postkit.core.internal.schemafiles;

/**
 * One {@code .sql} file of the schema directory.
 *
 * @param path the path as the user sees it in messages: relative to the project, with forward slashes
 */
public record SchemaFile(String path, FileRole role, String content) {
}
