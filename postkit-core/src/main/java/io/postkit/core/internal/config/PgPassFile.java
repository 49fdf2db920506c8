package io.postkit.core.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libpq's password file: {@code host:port:database:user:password} lines, the first match wins. A field of just
 * {@code *} matches anything; {@code \:} and {@code \\} stand for a colon and a backslash; lines starting with
 * {@code #} are comments. The password is the rest of the line, so it may contain unescaped colons.
 */
public final class PgPassFile {

    private static final int KEY_FIELDS = 4;

    private final List<Entry> entries;

    private PgPassFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** One line; a null key field is the {@code *} wildcard. */
    private record Entry(List<String> key, String password) {

        Entry {
            key = Collections.unmodifiableList(new ArrayList<>(key));
        }

        boolean matches(List<String> wanted) {
            for (int i = 0; i < KEY_FIELDS; i++) {
                String field = key.get(i);
                if (field != null && !field.equals(wanted.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * {@code PGPASSFILE} if set and not empty, else {@code ~/.pgpass}. An absent or unreadable file has no entries:
     * then the connection goes on without a password, as libpq's would.
     */
    public static PgPassFile locate(Map<String, String> environment, Path homeDir) {
        String explicit = environment.get("PGPASSFILE");
        Path file = explicit != null && !explicit.isEmpty() ? Path.of(explicit) : homeDir.resolve(".pgpass");
        try {
            return parse(Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "");
        } catch (IOException e) {
            return parse("");
        }
    }

    public static PgPassFile parse(String content) {
        List<Entry> entries = new ArrayList<>();
        for (String line : content.split("\\R")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                entry(line).ifPresent(entries::add);
            }
        }
        return new PgPassFile(entries);
    }

    public Optional<String> password(String host, int port, String database, String user) {
        List<String> wanted = List.of(host, Integer.toString(port), database, user);
        return entries.stream().filter(e -> e.matches(wanted)).map(Entry::password).findFirst();
    }

    /** A line with fewer than five fields is skipped, as libpq skips it. */
    private static Optional<Entry> entry(String line) {
        List<String> key = new ArrayList<>();
        int fieldStart = 0;
        for (int i = 0; i < line.length() && key.size() < KEY_FIELDS; i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ':') {
                key.add(field(line.substring(fieldStart, i)));
                fieldStart = i + 1;
            }
        }
        if (key.size() < KEY_FIELDS) {
            return Optional.empty();
        }
        return Optional.of(new Entry(key, unescape(line.substring(fieldStart))));
    }

    /** An escaped {@code \*} is a literal star, not the wildcard. */
    private static String field(String raw) {
        return raw.equals("*") ? null : unescape(raw);
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
