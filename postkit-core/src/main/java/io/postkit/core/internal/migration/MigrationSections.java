package io.postkit.core.internal.migration;

import io.postkit.core.api.PostkitException;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -- migrate:up} and {@code -- migrate:down} sections of a migration's text, read by dbmate's rules: up
 * comes first, nothing but comments and blank lines precede it, and a marker line may carry options such as
 * {@code transaction:false}. A missing down section is accepted, as dbmate 1.x files may lack one.
 *
 * @param up     the up section's text after its marker line, untrimmed so its lines keep their file numbers
 * @param upLine the file line on which {@link #up} begins
 */
record MigrationSections(String up, int upLine, Map<String, String> upOptions, String down) {

    private static final Pattern UP = marker("up");
    private static final Pattern DOWN = marker("down");

    MigrationSections {
        upOptions = Map.copyOf(upOptions);
    }

    static MigrationSections read(String fileName, String content) {
        Matcher up = find(UP, content, fileName, "up");
        Matcher down = find(DOWN, content, fileName, "down");
        if (up == null) {
            throw malformed(fileName, "has no '-- migrate:up' line; add one before the statements that apply the"
                    + " change");
        }
        if (down != null && down.start() < up.start()) {
            throw malformed(fileName, "has '-- migrate:down' before '-- migrate:up'; put the up section first");
        }
        int upLine = lineAt(content, up.start());
        if (content.substring(0, up.start()).lines().anyMatch(MigrationSections::isStatementLine)) {
            throw malformed(fileName, "has statements before '-- migrate:up' (line " + upLine + "); move them into"
                    + " the up section");
        }
        int upEnd = down == null ? content.length() : down.start();
        return new MigrationSections(content.substring(up.end(), upEnd), upLine + 1, options(up.group(1)),
                down == null ? "" : content.substring(down.end()));
    }

    boolean upTransactional() {
        return !"false".equals(upOptions.get("transaction"));
    }

    /** {@code -- migrate:up} at a line start, then options up to the end of the line, which is consumed. */
    private static Pattern marker(String direction) {
        return Pattern.compile("(?m)^--[ \\t]*migrate:" + direction + "(?=[ \\t]|$)([^\\r\\n]*)(?:\\r?\\n)?");
    }

    /** The one marker of a kind, or null; two are refused because the second would silently become SQL. */
    private static Matcher find(Pattern marker, String content, String fileName, String direction) {
        Matcher m = marker.matcher(content);
        if (!m.find()) {
            return null;
        }
        int first = m.start();
        if (m.find()) {
            throw malformed(fileName, "has two '-- migrate:" + direction + "' lines (lines " + lineAt(content, first)
                    + " and " + lineAt(content, m.start()) + "); keep one");
        }
        m.reset();
        m.find();
        return m;
    }

    /** {@code transaction:false foo:bar} as dbmate reads it; words without a colon are ignored, as dbmate does. */
    private static Map<String, String> options(String text) {
        Map<String, String> options = new HashMap<>();
        for (String word : text.strip().split("\\s+")) {
            String[] pair = word.split(":", -1);
            if (pair.length == 2) {
                options.put(pair[0], pair[1]);
            }
        }
        return options;
    }

    private static boolean isStatementLine(String line) {
        String text = line.strip();
        return !text.isEmpty() && !text.startsWith("--");
    }

    private static int lineAt(String content, int index) {
        return 1 + (int) content.substring(0, index).chars().filter(c -> c == '\n').count();
    }

    private static PostkitException malformed(String fileName, String problem) {
        return new PostkitException("Migration file " + fileName + " " + problem + ".");
    }
}
