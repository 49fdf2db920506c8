package io.postkit.core.internal.local;

import java.util.Objects;

/** A database postkit created on a local server, as its creator knows it: where it is and the marker it wrote. */
public record LocalDatabase(DatabaseIdentity identity, CreationMarker marker) {

    public LocalDatabase {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(marker, "marker");
    }

    public String name() {
        return identity.database();
    }

    public String token() {
        return marker.token();
    }
}
