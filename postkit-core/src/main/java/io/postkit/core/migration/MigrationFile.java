package io.postkit.core.migration;

import io.postkit.core.PostkitException;
import io.postkit.core.plan.SchemaFingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration in dbmate's format: {@code YYYYMMDDHHMMSS_<name>.sql} with a {@code -- migrate:up} section (optionally
 * {@code transaction:false}) and a {@code -- migrate:down} section. Teams coming from dbmate keep their files.
 */
public record MigrationFile(String version, String name, String up, String down, boolean upTransactional) {

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{14})_([A-Za-z0-9_]+)\\.sql");
    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up\\b(.*)$");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down\\b.*$");

    public MigrationFile {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        up = up == null ? "" : up;
        down = down == null ? "" : down;
    }

    public String fileName() {
        return version + "_" + name + ".sql";
    }

    public String render() {
        return "-- migrate:up" + (upTransactional ? "" : " transaction:false") + "\n" + up.strip() + "\n\n"
                + "-- migrate:down\n" + down.strip() + "\n";
    }

    /** SHA-256 of the file's bytes as written: a deployed migration's checksum must never change. */
    public String checksum() {
        return SchemaFingerprint.sha256(render().getBytes(StandardCharsets.UTF_8));
    }

    public static MigrationFile parse(String fileName, String content) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new PostkitException("Migration file " + fileName + " is not named YYYYMMDDHHMMSS_<name>.sql;"
                    + " rename it.");
        }
        Matcher up = UP.matcher(content);
        if (!up.find()) {
            throw new PostkitException("Migration file " + fileName + " has no '-- migrate:up' line; add one before"
                    + " the statements that apply the change.");
        }
        Matcher down = DOWN.matcher(content);
        boolean hasDown = down.find(up.end());
        String upSql = content.substring(up.end(), hasDown ? down.start() : content.length());
        String downSql = hasDown ? content.substring(down.end()) : "";
        boolean transactional = !up.group(1).contains("transaction:false");
        MigrationFile parsed = new MigrationFile(name.group(1), name.group(2), upSql.strip(), downSql.strip(),
                transactional);
        return parsed;
    }
}
