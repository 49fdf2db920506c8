package io.postkit.core.api;

/**
 * A statement of one of the user's SQL files (a schema file, a migration, an infra/grants/seed script, an init
 * script) that PostgreSQL rejected or postkit refused to run. It carries where the statement is and what was wrong
 * with it, field by field; its message puts them together the same way for every kind of file:
 *
 * <pre>
 * db/schema/tables/orders.sql:12:5: ERROR: column "total" does not exist (SQLSTATE 42703)
 *   Hint: Perhaps you meant to reference the column "orders.totl".
 *   Statement: CREATE INDEX orders_total ON orders (total)
 * Fix the schema file and run mvn postkit:plan again.
 * </pre>
 */
public class SqlStatementException extends PostkitException {

    private static final int STATEMENT_PREVIEW = 120;

    private final String source;
    private final int line;
    private final int column;
    private final String sqlState;
    private final String problem;
    private final String detail;
    private final String hint;
    private final String statement;

    /**
     * @param source    the file as the user sees it (relative to the project)
     * @param line      1-based line in that file
     * @param column    1-based column in that line, or 0 when unknown
     * @param sqlState  PostgreSQL's SQLSTATE, or null when postkit refused the statement itself
     * @param problem   what is wrong: PostgreSQL's message (with its severity), or postkit's reason
     * @param detail    PostgreSQL's detail, or null
     * @param hint      PostgreSQL's hint, or null
     * @param statement the statement's text
     * @param advice    what to do next, or null
     */
    public SqlStatementException(String source, int line, int column, String sqlState, String problem, String detail,
                                 String hint, String statement, String advice, Throwable cause) {
        super(describe(source, line, column, sqlState, problem, detail, hint, statement, advice), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.sqlState = sqlState;
        this.problem = problem;
        this.detail = detail;
        this.hint = hint;
        this.statement = statement;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    /** 1-based, or 0 when PostgreSQL gave no position. */
    public int column() {
        return column;
    }

    /** {@code source:line}, the way every postkit message points into a file. */
    public String location() {
        return source + ":" + line;
    }

    /** PostgreSQL's SQLSTATE, or null when postkit refused the statement without running it. */
    public String sqlState() {
        return sqlState;
    }

    public String problem() {
        return problem;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }

    public String statement() {
        return statement;
    }

    private static String describe(String source, int line, int column, String sqlState, String problem,
                                   String detail, String hint, String statement, String advice) {
        StringBuilder text = new StringBuilder(source).append(':').append(line);
        if (column > 0) {
            text.append(':').append(column);
        }
        text.append(": ").append(problem);
        if (sqlState != null) {
            text.append(" (SQLSTATE ").append(sqlState).append(')');
        }
        if (detail != null) {
            text.append("\n  Detail: ").append(detail);
        }
        if (hint != null) {
            text.append("\n  Hint: ").append(hint);
        }
        if (statement != null && !statement.isBlank()) {
            text.append("\n  Statement: ").append(preview(statement));
        }
        if (advice != null && !advice.isBlank()) {
            text.append('\n').append(advice);
        }
        return text.toString();
    }

    private static String preview(String statement) {
        String first = statement.strip().lines().findFirst().orElse("");
        return first.length() > STATEMENT_PREVIEW ? first.substring(0, STATEMENT_PREVIEW - 3) + "..." : first;
    }
}
