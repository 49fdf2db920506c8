package io.postkit.core.internal.plan;

import io.postkit.core.internal.render.PlannedStatement;

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
