package io.postkit.core.internal.plan;

import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan cut into the migrations it becomes: runs of statements that can share a transaction, and runs of those that
 * cannot ({@code CREATE INDEX CONCURRENTLY}, a VALIDATE that must not hold the lock of the step before it), which
 * become {@code transaction:false} migrations. A plan of transactional statements only is one part.
 */
public final class MigrationParts {

    /** One migration's up statements. */
    public record Part(List<PlannedStatement> statements, boolean transactional) {
        public Part {
            statements = List.copyOf(statements);
        }
    }

    private MigrationParts() {
    }

    public static List<Part> of(List<PlannedStatement> plan) {
        // A setting for the transaction it runs in: every transactional part that follows needs its own.
        boolean skipBodyChecks = !plan.isEmpty() && plan.get(0).equals(SqlRenderer.SKIP_BODY_CHECKS);
        List<PlannedStatement> statements = skipBodyChecks ? plan.subList(1, plan.size()) : plan;
        List<Part> parts = new ArrayList<>();
        List<PlannedStatement> run = new ArrayList<>();
        boolean transactional = true;
        for (PlannedStatement statement : statements) {
            if (!run.isEmpty() && statement.transactional() != transactional) {
                parts.add(part(run, transactional, skipBodyChecks));
                run = new ArrayList<>();
            }
            transactional = statement.transactional();
            run.add(statement);
        }
        if (!run.isEmpty()) {
            parts.add(part(run, transactional, skipBodyChecks));
        }
        return parts;
    }

    private static Part part(List<PlannedStatement> run, boolean transactional, boolean skipBodyChecks) {
        List<PlannedStatement> statements = new ArrayList<>();
        if (transactional && skipBodyChecks) {
            statements.add(SqlRenderer.SKIP_BODY_CHECKS);
        }
        statements.addAll(run);
        return new Part(statements, transactional);
    }
}
