package io.postkit.core.internal.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Says in the user's terms why a state file could not be read: which field ({@code migrations[2].checksum}) and
 * what is wrong with it, instead of Jackson's words about creators and Java types.
 */
final class JsonProblem {

    private JsonProblem() {
    }

    static String describe(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "it is not valid JSON (" + e.getOriginalMessage() + ")";
        }
        String field = path(mapping.getPath());
        String original = e.getOriginalMessage();
        if (e instanceof ValueInstantiationException && e.getCause() instanceof NullPointerException npe) {
            // the records' constructors name the missing component in requireNonNull
            return "\"" + (field.isEmpty() ? "" : field + ".") + npe.getMessage() + "\" is missing or null";
        }
        if (original.startsWith("Trailing token")) {
            return "there is more text after its JSON object";
        }
        if (field.isEmpty()) {
            return "it is not what postkit writes (" + original + ")";
        }
        if (original.startsWith("Missing creator property")) {
            return "\"" + field + "\" is missing";
        }
        if (original.startsWith("Cannot map `null`")) {
            return "\"" + field + "\" is null";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "\"" + field + "\" cannot be \"" + invalid.getValue() + "\"";
        }
        if (e.getCause() instanceof DateTimeParseException time) {
            // text that is no ISO-8601 instant: the type is right, the value is not
            return "\"" + field + "\" cannot be \"" + time.getParsedString() + "\"";
        }
        return "\"" + field + "\" has the wrong type";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
