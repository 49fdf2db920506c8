package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.View;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.postkit.core.internal.diff.SchemaModels.name;
import static io.postkit.core.internal.diff.SchemaModels.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewDiffTest {

    private static final Table T = table("t", List.of(Column.of("id", "integer", false, null),
            Column.of("amount", "integer", false, null)), List.of(), List.of());

    private static View view(String name, String definition, Set<String> reads, String... columns) {
        return new View(name(name), java.util.Arrays.stream(columns).map(c -> Column.of(c, "integer", false, null))
                .toList(), definition, List.of(), reads);
    }

    private static SchemaModel model(Table table, View... views) {
        Map<QualifiedName, View> byName = new java.util.TreeMap<>();
        for (View v : views) {
            byName.put(v.name(), v);
        }
        return SchemaModel.of(Set.of("public"), Map.of(table.name(), table), Map.of(), byName, Map.of());
    }

    @Test
    void aRetypedColumnTakesItsViewsAndTheirViewsDownAndBackUpInDependencyOrder() {
        View amounts = view("amounts", "SELECT id, amount FROM public.t;",
                Set.of("public.t", "public.t.id", "public.t.amount"), "id", "amount");
        View big = view("big", "SELECT id FROM public.amounts WHERE amount > 1;",
                Set.of("public.amounts", "public.amounts.id", "public.amounts.amount"), "id");
        Table retyped = table("t", List.of(Column.of("id", "integer", false, null),
                Column.of("amount", "bigint", false, null)), List.of(), List.of());

        List<SchemaChange> changes = SchemaDiff.between(model(T, amounts, big), model(retyped, amounts, big));

        assertEquals(List.of(new SchemaChange.DropView(name("big"), false), new SchemaChange.DropView(name("amounts"), false),
                new SchemaChange.AlterColumn(name("t"), T.columns().get(1), retyped.columns().get(1)),
                new SchemaChange.CreateView(amounts, false), new SchemaChange.CreateView(big, false)), changes);
    }

    @Test
    void aViewThatOnlyGainsColumnsAtTheEndIsReplacedInPlace() {
        View before = view("v", "SELECT id FROM public.t;", Set.of("public.t", "public.t.id"), "id");
        View after = view("v", "SELECT id, amount FROM public.t;", Set.of("public.t", "public.t.id",
                "public.t.amount"), "id", "amount");
        assertEquals(List.of(new SchemaChange.CreateView(after, true)),
                SchemaDiff.between(model(T, before), model(T, after)));
        assertEquals(List.of(new SchemaChange.DropView(name("v"), false), new SchemaChange.CreateView(before, false)),
                SchemaDiff.between(model(T, after), model(T, before)), "dropping a column needs a new view");
    }
}
