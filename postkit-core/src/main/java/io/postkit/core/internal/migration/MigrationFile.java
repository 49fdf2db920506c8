package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitException;
import io.postkit.core.internal.plan.SchemaFingerprint;
import io.postkit.core.internal.sql.ScriptStatement;
import io.postkit.core.internal.sql.SqlScript;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration in dbmate's format: {@code YYYYMMDDHHMMSS_<name>.sql} with a {@code -- migrate:up} section (optionally
 * {@code transaction:false}) and a {@code -- migrate:down} section. Teams coming from dbmate keep their files.
 *
 * @param up      the up section's SQL, trimmed
 * @param down    the down section's SQL, trimmed
 * @param content the file's whole text: as read, or as postkit renders a new migration. It is what is written,
 *                checksummed and split into statements, so a file read and written again is byte for byte the same
 */
public record MigrationFile(String version, String name, String up, String down, boolean upTransactional,
                            String content) {

    /** dbmate accepts any name after the version; postkit only makes lower-case ones (see MigrationVersions). */
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{14})_([A-Za-z0-9_.-]+)\\.sql");

    public MigrationFile {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        up = up == null ? "" : up;
        down = down == null ? "" : down;
    }

    /** A new migration, rendered in postkit's layout of dbmate's format. */
    public MigrationFile(String version, String name, String up, String down, boolean upTransactional) {
        this(version, name, up, down, upTransactional, render(up, down, upTransactional));
    }

    public static MigrationFile parse(String fileName, String content) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new PostkitException("Migration file " + fileName + " is not named YYYYMMDDHHMMSS_<name>.sql"
                    + " (a UTC timestamp, an underscore, a name of letters, digits, '_', '-' or '.'); rename it.");
        }
        MigrationSections sections = MigrationSections.read(fileName, content);
        return new MigrationFile(name.group(1), name.group(2), sections.up().strip(), sections.down().strip(),
                sections.upTransactional(), content);
    }

    public String fileName() {
        return version + "_" + name + ".sql";
    }

    /** The text to write: unchanged from what was read, so committing never rewrites a user's migration. */
    public String render() {
        return content;
    }

    /** SHA-256 of the file's bytes (UTF-8): a deployed migration's checksum must never change. */
    public String checksum() {
        return SchemaFingerprint.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The up section's statements, with lines counted in the whole file so errors point at the right line.
     *
     * @param source the file's path as the user sees it
     */
    public List<ScriptStatement> upStatements(String source) {
        MigrationSections sections = MigrationSections.read(fileName(), content);
        return SqlScript.split(sections.up(), source, sections.upLine());
    }

    private static String render(String up, String down, boolean upTransactional) {
        return "-- migrate:up" + (upTransactional ? "" : " transaction:false") + "\n" + strip(up) + "\n\n"
                + "-- migrate:down\n" + strip(down) + "\n";
    }

    private static String strip(String sql) {
        return sql == null ? "" : sql.strip();
    }
}
