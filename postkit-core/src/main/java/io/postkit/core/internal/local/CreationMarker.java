package io.postkit.core.internal.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What postkit writes on a database ({@code COMMENT ON DATABASE}) or role ({@code COMMENT ON ROLE}) it creates, so
 * it can later prove the object is its own before dropping it, and tell a leftover of a crashed goal from one in use.
 *
 * @param token        random; whoever holds the object keeps it (a session records its clone's) and shows it to drop
 * @param pid          the process that created the object
 * @param processStart when that process started: with the pid it tells the creator from a later process reusing
 *                     the pid; null where the platform does not say
 * @param project      a key of the project whose goal created it, or empty ({@code postkit:diff})
 */
public record CreationMarker(Purpose purpose, String token, long pid, Instant processStart, String project) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = "postkit";
    /** Start times read twice from /proc may differ by a clock tick. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    public CreationMarker {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(token, "token");
        project = project == null ? "" : project;
    }

    /** A new marker for an object this process creates now. */
    public static CreationMarker now(Purpose purpose, String project) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        ProcessHandle self = ProcessHandle.current();
        return new CreationMarker(purpose, HexFormat.of().formatHex(random), self.pid(),
                self.info().startInstant().orElse(null), project);
    }

    /** The comment text: a small JSON object, its first key {@code "postkit"} saying whose it is. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put(KEY, 1);
        node.put("purpose", purpose.label());
        node.put("token", token);
        node.put("pid", pid);
        node.put("processStart", processStart == null ? null : processStart.toString());
        node.put("project", project);
        return node.toString();
    }

    /** The marker in a comment, or empty when the comment is not one (no comment, someone else's text). */
    public static Optional<CreationMarker> parse(String comment) {
        if (comment == null || !comment.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(comment);
            if (node == null || !node.has(KEY) || !node.hasNonNull("token") || !node.hasNonNull("purpose")) {
                return Optional.empty();
            }
            JsonNode start = node.get("processStart");
            return Optional.of(new CreationMarker(Purpose.ofLabel(node.get("purpose").asText()),
                    node.get("token").asText(), node.path("pid").asLong(),
                    start == null || start.isNull() ? null : Instant.parse(start.asText()),
                    node.path("project").asText("")));
        } catch (JsonProcessingException | IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the process that created the object still runs (on this machine). */
    public boolean creatorAlive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return processStart == null || started.isEmpty()
                || Duration.between(processStart, started.get()).abs().compareTo(START_TOLERANCE) <= 0;
    }

    /** The creator, for messages: "process 4711". */
    public String creator() {
        return "process " + pid;
    }
}
