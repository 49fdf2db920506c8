package io.postkit.core.internal.plan;

import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;

import java.util.List;
import java.util.stream.Collectors;

/** The human forms of a plan: the SQL file and the summary printed by {@code plan}. */
public final class PlanText {

    private PlanText() {
    }

    /** Statements separated by blank lines, each ending with a semicolon. */
    public static String sql(List<PlannedStatement> statements) {
        return statements.stream().map(s -> s.sql() + ";").collect(Collectors.joining("\n\n"))
                + (statements.isEmpty() ? "" : "\n");
    }

    /**
     * The statements as a script that runs as is with {@code psql -v ON_ERROR_STOP=1 -f}, where each statement is
     * its own transaction unless the script says otherwise: wrapped in {@code BEGIN}/{@code COMMIT} when every
     * statement may run in a transaction, so that a failure changes nothing and {@code SET LOCAL} takes effect;
     * otherwise statement by statement, with the routine body check turned off for the session and reset at the end.
     */
    public static String script(List<PlannedStatement> statements) {
        if (statements.isEmpty()) {
            return "";
        }
        if (statements.stream().allMatch(PlannedStatement::transactional)) {
            return "BEGIN;\n\n" + sql(statements) + "\nCOMMIT;\n";
        }
        List<PlannedStatement> session = statements.stream()
                .map(s -> s.equals(SqlRenderer.SKIP_BODY_CHECKS) ? SESSION_SKIP_BODY_CHECKS : s).toList();
        return sql(session) + (session.contains(SESSION_SKIP_BODY_CHECKS) ? "\nRESET check_function_bodies;\n" : "");
    }

    private static final PlannedStatement SESSION_SKIP_BODY_CHECKS = new PlannedStatement(
            "SET check_function_bodies = off", "setting", "check_function_bodies", java.util.Set.of(), true);

    /** One line per statement: what it changes and what it risks, then the total. */
    public static String summary(PlanDocument plan) {
        if (plan.isEmpty()) {
            return "No changes: the local clone already matches the schema files.";
        }
        StringBuilder text = new StringBuilder("Plan: " + plan.statements().size() + " statement(s)");
        if (!plan.hazards().isEmpty()) {
            text.append(", hazards: ").append(plan.hazards());
        }
        for (PlannedStatement s : plan.statements()) {
            text.append("\n  ").append(s.objectKind()).append(' ').append(s.objectName())
                    .append(": ").append(firstLine(s.sql()));
            if (!s.hazards().isEmpty()) {
                text.append("  [").append(s.hazards().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(", "))).append(']');
            }
        }
        return text.toString();
    }

    private static String firstLine(String sql) {
        String line = sql.lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
