package io.postkit.core.internal.render;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SQL statement of a plan, with what it changes and what it risks.
 *
 * @param sql        the statement, without a trailing semicolon
 * @param objectKind e.g. {@code table}, {@code column}, {@code index}
 * @param objectName the object it changes, for summaries (e.g. {@code public.orders.total})
 * @param hazards    in declaration order: plan.json lists them as they iterate
 */
public record PlannedStatement(String sql, String objectKind, String objectName, Set<Hazard> hazards,
                               boolean transactional) {

    public PlannedStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(objectKind, "objectKind");
        Objects.requireNonNull(objectName, "objectName");
        hazards = Collections.unmodifiableSortedSet(new TreeSet<>(hazards));
    }
}
