package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.SchemaModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whether two models read from two databases may hold one expression printed two ways. PostgreSQL's printer is not
 * always a fixed point: {@code varchar_col IN ('a', 'b')} prints as
 * {@code ((c)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))}, and created again from that print as
 * {@code ((c)::text = ANY (ARRAY[('a'::character varying)::text, ...]))}. The two differ only in where casts and
 * parentheses stand, so texts that differ but are equal without casts and parentheses may be such a pair; texts
 * that still differ are a real change. A pair found means the models cannot be compared as read.
 */
public final class PrintedForms {

    private static final String NAME = "(?:\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_$]*)";
    /** {@code ::type}, schema-qualified or quoted, with PostgreSQL's multi-word names, modifiers and array marks. */
    private static final Pattern CAST = Pattern.compile("::" + NAME + "(?:\\." + NAME + ")?"
            + "(?: (?:varying|precision|with time zone|without time zone))*(?:\\(\\d+(?:,\\s*\\d+)?\\))?(?:\\[\\])*");
    private static final Pattern PARENTHESES_AND_SPACE = Pattern.compile("[()\\s]");

    private PrintedForms() {
    }

    /** Whether an object on both sides prints differently in a way one print round trip could explain. */
    public static boolean mayDifferOnlyInPrint(SchemaModel a, SchemaModel b) {
        List<Texts> pairs = new ArrayList<>();
        both(a.tables(), b.tables(), (x, y) -> {
            byName(x.columns(), y.columns(), Column::name, Column::defaultExpression, pairs);
            byName(x.constraints(), y.constraints(), Constraint::name, Constraint::definition, pairs);
            byName(x.indexes(), y.indexes(), Index::name, Index::definition, pairs);
        });
        both(a.views(), b.views(), (x, y) -> pairs.add(new Texts(x.definition(), y.definition())));
        both(a.triggers(), b.triggers(), (x, y) -> pairs.add(new Texts(x.definition(), y.definition())));
        both(a.policies(), b.policies(), (x, y) -> {
            pairs.add(new Texts(x.using(), y.using()));
            pairs.add(new Texts(x.withCheck(), y.withCheck()));
        });
        both(a.domains(), b.domains(), (x, y) -> {
            pairs.add(new Texts(x.defaultExpression(), y.defaultExpression()));
            byName(x.constraints(), y.constraints(), Constraint::name, Constraint::definition, pairs);
        });
        return pairs.stream().anyMatch(Texts::differOnlyInPrint);
    }

    /** One object's text on each side; null where it has none. */
    private record Texts(String a, String b) {
        boolean differOnlyInPrint() {
            return a != null && b != null && !a.equals(b) && normal(a).equals(normal(b));
        }
    }

    private static <T> void byName(List<T> xs, List<T> ys, Function<T, String> name, Function<T, String> text,
                                   List<Texts> pairs) {
        Map<String, T> others = new HashMap<>();
        ys.forEach(y -> others.put(name.apply(y), y));
        for (T x : xs) {
            T y = others.get(name.apply(x));
            if (y != null) {
                pairs.add(new Texts(text.apply(x), text.apply(y)));
            }
        }
    }

    private static <K, V> void both(Map<K, V> a, Map<K, V> b, BiConsumer<V, V> pair) {
        a.forEach((key, x) -> {
            V y = b.get(key);
            if (y != null) {
                pair.accept(x, y);
            }
        });
    }

    static String normal(String printed) {
        return PARENTHESES_AND_SPACE.matcher(CAST.matcher(printed).replaceAll("")).replaceAll("");
    }
}
