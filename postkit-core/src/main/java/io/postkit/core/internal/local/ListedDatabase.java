package io.postkit.core.internal.local;

import java.util.Optional;

/**
 * A database found on a local server, with postkit's marker when it carries one.
 *
 * @param marker null for a database postkit did not mark (the user's own, or one made before markers existed)
 */
public record ListedDatabase(String name, CreationMarker marker) {

    public Optional<CreationMarker> creationMarker() {
        return Optional.ofNullable(marker);
    }
}
