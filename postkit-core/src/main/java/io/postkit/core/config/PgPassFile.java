package io.postkit.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** libpq's password file: {@code host:port:database:user:password} lines, {@code *} wildcards, {@code \:} escapes. */
public final class PgPassFile {

    private final List<String[]> entries;

    private PgPassFile(List<String[]> entries) {
        this.entries = entries;
    }

    /** {@code PGPASSFILE} if set, else {@code ~/.pgpass}; an absent or unreadable file has no entries. */
    public static PgPassFile locate(Map<String, String> environment, Path homeDir) {
        String explicit = environment.get("PGPASSFILE");
        Path file = explicit != null ? Path.of(explicit) : homeDir.resolve(".pgpass");
        try {
            return parse(Files.exists(file) ? Files.readString(file) : "");
        } catch (IOException e) {
            return parse("");
        }
    }

    public static PgPassFile parse(String content) {
        List<String[]> entries = new ArrayList<>();
        for (String line : content.split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = fields(line);
            if (fields.length == 5) {
                entries.add(fields);
            }
        }
        return new PgPassFile(entries);
    }

    public Optional<String> password(String host, int port, String database, String user) {
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String[] entry : entries) {
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                matches = entry[i].equals("*") || entry[i].equals(wanted[i]);
            }
            if (matches) {
                return Optional.of(entry[4]);
            }
        }
        return Optional.empty();
    }

    private static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
