package io.postkit.core.internal.clone;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to one database; the clone needs several (one per copy worker). */
@FunctionalInterface
public interface ConnectionSource {

    Connection open() throws SQLException;
}
