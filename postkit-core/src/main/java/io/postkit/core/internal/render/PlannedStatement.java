package io.postkit.core.internal.render;

import java.util.Objects;
import java.util.Set;

/**
 * One SQL statement of a plan, with what it changes and what it risks.
 *
 * @param sql        the statement, without a trailing semicolon
 * @param objectKind e.g. {@code table}, {@code column}, {@code index}
 * @param objectName the object it changes, for summaries (e.g. {@code public.orders.total})
 */
public record PlannedStatement(String sql, String objectKind, String objectName, Set<Hazard> hazards,
                               boolean transactional) {

    public PlannedStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(objectKind, "objectKind");
        Objects.requireNonNull(objectName, "objectName");
        hazards = Set.copyOf(hazards);
    }
}
