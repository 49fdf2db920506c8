package io.postkit.core.internal.plan;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.postkit.core.internal.model.SchemaModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 of a schema model in canonical JSON. {@code apply} compares the fingerprint recorded at plan time with
 * the database's current one, so a plan made for another state of the clone is never run.
 */
public final class SchemaFingerprint {

    /** Properties and map keys in alphabetical order: nothing of the JVM's (reflection, hashing) decides it. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SchemaFingerprint() {
    }

    public static String of(SchemaModel model) {
        try {
            return sha256(CANONICAL.writeValueAsBytes(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
