package io.postkit.core.internal.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.postkit.core.api.PostkitException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One JSON state file. Written atomically (a temporary file in the same folder, then a rename), so a crash never
 * leaves half a file; read with a clear error when it is malformed or of another format version.
 */
public final class JsonStateFile<T> {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(instantsAsIsoText())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a newer postkit of the same formatVersion may add fields: they must not stop an older one
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** postkit's JSON (indented, instants as UTC text), for documents that are not state files: reports. */
    public static String render(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private final Path file;
    private final Class<T> type;
    private final int formatVersion;
    private final String remedy;

    /** @param remedy what the user should do when the file is unreadable, e.g. "restore it from version control" */
    public JsonStateFile(Path file, Class<T> type, int formatVersion, String remedy) {
        this.file = file;
        this.type = type;
        this.formatVersion = formatVersion;
        this.remedy = remedy;
    }

    public Path path() {
        return file;
    }

    /** The file's value, or empty when there is no file; anything else unreadable is a PostkitException. */
    public Optional<T> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                throw malformed("it is not a JSON object", null);
            }
            checkFormatVersion(tree.get("formatVersion"));
            return Optional.of(JSON.treeToValue(tree, type));
        } catch (JsonProcessingException e) {
            throw malformed(JsonProblem.describe(e), e);
        } catch (IOException e) {
            throw malformed(e.getMessage(), e);
        }
    }

    private void checkFormatVersion(JsonNode version) {
        if (version == null) {
            throw malformed("it has no \"formatVersion\"", null);
        }
        if (!version.isInt()) {
            throw malformed("its \"formatVersion\" is not a whole number (" + version + ")", null);
        }
        if (version.intValue() != formatVersion) {
            throw malformed("its formatVersion is " + version.intValue() + " but this postkit reads "
                    + formatVersion + " (was it written by another postkit version?)", null);
        }
    }

    public void write(T value) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                JSON.writeValue(temp.toFile(), value);
                move(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PostkitException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new PostkitException("Cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Instants as ISO-8601 UTC text ("2026-11-22T11:40:41Z"), without pulling in another Jackson module. */
    private static SimpleModule instantsAsIsoText() {
        return new SimpleModule("postkit-instants")
                .addSerializer(Instant.class, ToStringSerializer.instance)
                .addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
                    @Override
                    protected Instant _deserialize(String value, DeserializationContext context) {
                        return Instant.parse(value);
                    }
                });
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private PostkitException malformed(String why, Exception cause) {
        return new PostkitException("Cannot read " + file + ": " + why + ". " + remedy, cause);
    }

}
