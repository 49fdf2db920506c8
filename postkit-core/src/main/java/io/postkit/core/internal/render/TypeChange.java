package io.postkit.core.internal.render;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changing a column from one type to another (as {@code format_type} prints them) costs. A simple, documented
 * heuristic that follows PostgreSQL's own shortcuts:
 * <ul>
 * <li>No rewrite: the same type with a limit that is lifted or not lowered ({@code varchar}, {@code numeric} with
 * the same scale, {@code timestamp}/{@code time} precision), and {@code varchar} to {@code text} or back to an
 * unlimited {@code varchar}. PostgreSQL then only relabels the column.</li>
 * <li>Everything else rewrites the table under an ACCESS EXCLUSIVE lock.</li>
 * <li>DATA_LOSS when the {@code USING column::type} cast may cut values silently: a lower length or precision, a
 * lower numeric scale, a limit put on an unlimited type, or a fractional number made integer.</li>
 * </ul>
 * Only the column's type is considered: its collation alone never rewrites the table, but indexes on it are rebuilt.
 */
final class TypeChange {

    /** Base name, optional typmod arguments, and the rest ({@code with time zone}, array brackets). */
    private static final Pattern SPELLING =
            Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?((?: with(?:out)? time zone)?(?:\\[\\])*)");

    private static final Set<String> LIMITED_BY_LENGTH = Set.of("character varying", "bit varying");
    private static final Set<String> LIMITED_BY_PRECISION = Set.of("timestamp", "time");
    private static final Set<String> FRACTIONAL = Set.of("numeric", "real", "double precision");
    private static final Set<String> INTEGRAL = Set.of("smallint", "integer", "bigint");
    private static final Set<String> UNLIMITED_TEXT = Set.of("text", "character varying");

    private TypeChange() {
    }

    static Set<Hazard> hazards(String from, String to) {
        if (from.equals(to)) {
            return EnumSet.of(Hazard.LONG_LOCK);
        }
        Spelled a = Spelled.of(from);
        Spelled b = Spelled.of(to);
        Set<Hazard> hazards = relabelOnly(a, b) ? EnumSet.noneOf(Hazard.class)
                : EnumSet.of(Hazard.TABLE_REWRITE, Hazard.LONG_LOCK);
        if (mayCutValues(a, b)) {
            hazards.add(Hazard.DATA_LOSS);
        }
        return hazards;
    }

    private static boolean relabelOnly(Spelled a, Spelled b) {
        if (a == null || b == null || !a.rest.equals(b.rest)) {
            return false;
        }
        boolean textual = UNLIMITED_TEXT.contains(a.base) && UNLIMITED_TEXT.contains(b.base);
        if (textual && !b.limited()) {
            return true;
        }
        if (!a.base.equals(b.base)) {
            return false;
        }
        if (a.base.equals("numeric")) {
            return !b.limited() || (a.limited() && a.scale == b.scale && b.limit >= a.limit);
        }
        return (LIMITED_BY_LENGTH.contains(a.base) || LIMITED_BY_PRECISION.contains(a.base)) && notLowered(a, b);
    }

    private static boolean mayCutValues(Spelled a, Spelled b) {
        if (a == null || b == null) {
            return false;
        }
        if (FRACTIONAL.contains(a.base) && INTEGRAL.contains(b.base)) {
            return true;
        }
        boolean sameFamily = a.base.equals(b.base) || (UNLIMITED_TEXT.contains(a.base) && UNLIMITED_TEXT.contains(b.base))
                || (a.base.equals("text") && b.base.equals("character"));
        if (!sameFamily || !b.limited()) {
            return false;
        }
        if (a.base.equals("numeric") && b.base.equals("numeric")) {
            return !a.limited() || b.scale < a.scale;
        }
        return !notLowered(a, b);
    }

    /** The new limit is absent or at least the old one (an absent old limit is only kept by an absent new one). */
    private static boolean notLowered(Spelled a, Spelled b) {
        if (!b.limited()) {
            return true;
        }
        if (!a.limited()) {
            return LIMITED_BY_PRECISION.contains(a.base) && b.limit >= 6;
        }
        return b.limit >= a.limit;
    }

    /** A type split into what the rules look at; null parts mean "not a spelling these rules know". */
    private record Spelled(String base, int limit, int scale, String rest) {

        static Spelled of(String type) {
            Matcher m = SPELLING.matcher(type);
            if (!m.matches()) {
                return null;
            }
            int limit = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
            int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return new Spelled(m.group(1), limit, scale, m.group(4));
        }

        boolean limited() {
            return limit >= 0;
        }
    }
}
