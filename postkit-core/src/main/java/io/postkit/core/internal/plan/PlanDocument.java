package io.postkit.core.internal.plan;

import io.postkit.core.internal.render.Hazard;
import io.postkit.core.internal.render.PlannedStatement;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The last plan ({@code .postkit/db/plan.json}): statements with their hazards, the reverse statements for the
 * migration's down section, and the fingerprints and PostgreSQL version it was made with.
 */
public record PlanDocument(int formatVersion, Instant createdAt, String serverVersion, Fingerprints fingerprints,
                           List<PlannedStatement> statements, List<PlannedStatement> down) {

    public static final int FORMAT_VERSION = 1;

    public PlanDocument {
        statements = List.copyOf(statements);
        down = List.copyOf(down);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    public Set<Hazard> hazards() {
        Set<Hazard> all = new TreeSet<>();
        statements.forEach(s -> all.addAll(s.hazards()));
        return all;
    }

    public boolean transactional() {
        return statements.stream().allMatch(PlannedStatement::transactional);
    }
}
