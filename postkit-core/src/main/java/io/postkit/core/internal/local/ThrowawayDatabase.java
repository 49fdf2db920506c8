package io.postkit.core.internal.local;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database a goal creates for itself and drops when done, whatever happened: a shadow, a dry run, a side of a
 * diff. A clone starts as one too and is {@link #keep() kept} once it is complete, so a failed clone leaves nothing.
 */
public final class ThrowawayDatabase implements AutoCloseable {

    private final LocalDatabases databases;
    private final LocalDatabase database;
    private boolean kept;

    ThrowawayDatabase(LocalDatabases databases, LocalDatabase database) {
        this.databases = databases;
        this.database = database;
    }

    public LocalDatabase database() {
        return database;
    }

    public String name() {
        return database.name();
    }

    public Connection connect() throws SQLException {
        return databases.server().connect(database.name());
    }

    /** Keeps the database beyond {@link #close()}: it now belongs to whoever records its token. */
    public LocalDatabase keep() {
        kept = true;
        return database;
    }

    @Override
    public void close() throws SQLException {
        if (!kept) {
            databases.drop(database);
        }
    }
}
