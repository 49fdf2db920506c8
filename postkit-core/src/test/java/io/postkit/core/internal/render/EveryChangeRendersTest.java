package io.postkit.core.internal.render;

import io.postkit.core.internal.diff.ChangeCases;
import io.postkit.core.internal.diff.SchemaChange;
import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.ColumnRef;
import io.postkit.core.internal.model.CommentTarget;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.DefaultGrant;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.EnumType;
import io.postkit.core.internal.model.Grant;
import io.postkit.core.internal.model.Index;
import io.postkit.core.internal.model.Owner;
import io.postkit.core.internal.model.Policy;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.RangeType;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.Sequence;
import io.postkit.core.internal.model.SequenceOptions;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.Trigger;
import io.postkit.core.internal.model.View;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of change the diff can make renders: each permitted subclass of the sealed {@link SchemaChange} is
 * built from sample values and rendered. A new kind without a rendering fails here (and when the renderer is loaded).
 */
class EveryChangeRendersTest {

    private static final QualifiedName NAME = QualifiedName.of("public", "thing");
    private static final Column COLUMN = Column.of("note", "text", false, null);
    private static final SequenceOptions OPTIONS = new SequenceOptions("bigint", 1, 1, 1, 100, 1, false);

    /** A sample value of each type a change is made of. */
    private static final Map<Type, Object> SAMPLES = Map.ofEntries(
            Map.entry(String.class, "thing"),
            Map.entry(boolean.class, false),
            Map.entry(QualifiedName.class, NAME),
            Map.entry(Column.class, COLUMN),
            Map.entry(Constraint.class, Constraint.of("thing_check", ConstraintType.CHECK, "CHECK (true)")),
            Map.entry(Index.class, new Index("thing_idx", "CREATE INDEX thing_idx ON public.thing USING btree (note)")),
            Map.entry(Table.class, new Table(NAME, List.of(COLUMN), List.of(), List.of())),
            Map.entry(Table.PartitionOf.class, new Table.PartitionOf(NAME, "DEFAULT")),
            Map.entry(Sequence.class, new Sequence(NAME, OPTIONS, new ColumnRef(NAME, "id"))),
            Map.entry(View.class, new View(NAME, List.of(COLUMN), "SELECT 'x'::text AS note;", List.of(), Set.of())),
            Map.entry(Routine.class, new Routine(NAME, "", Routine.Kind.FUNCTION,
                    "CREATE OR REPLACE FUNCTION public.thing() RETURNS integer LANGUAGE sql AS 'SELECT 1'", "integer",
                    false, Set.of())),
            Map.entry(Trigger.class, new Trigger(NAME, "stamp", "CREATE TRIGGER stamp BEFORE INSERT ON public.thing"
                    + " FOR EACH ROW EXECUTE FUNCTION public.stamp()", "O", QualifiedName.of("public", "stamp()"))),
            Map.entry(EnumType.class, new EnumType(NAME, List.of("a", "b"), List.of())),
            Map.entry(Policy.class, new Policy(NAME, "readers", true, "SELECT", List.of("public"), "true", null)),
            Map.entry(Grant.class, new Grant("TABLE", NAME, "", "public", "SELECT", false)),
            Map.entry(DefaultGrant.class, new DefaultGrant("app", "", "r", "reader", "SELECT", false)),
            Map.entry(Owner.class, new Owner("TABLE", NAME, "", "app")),
            Map.entry(RangeType.class, new RangeType(NAME, "CREATE TYPE public.thing AS RANGE (SUBTYPE = numeric)")),
            Map.entry(Domain.class, new Domain(NAME, "integer", null, null, null, true,
                    List.of(Constraint.of("positive", ConstraintType.CHECK, "CHECK (VALUE > 0)")))),
            Map.entry(CompositeType.class, new CompositeType(NAME, List.of(COLUMN), Set.of())),
            Map.entry(CommentTarget.class, CommentTarget.of(CommentTarget.Kind.TABLE, NAME)));

    @Test
    void everyKindOfChangeRendersToAStatement() throws Exception {
        List<String> kinds = new ArrayList<>();
        for (Class<?> kind : SchemaChange.class.getPermittedSubclasses()) {
            PlannedStatement statement = SqlRenderer.render(sample(kind));
            // An Alter... of two equal samples may say nothing; what matters is that every kind has a rendering.
            assertTrue(!statement.objectName().isBlank(), kind.getSimpleName());
            kinds.add(kind.getSimpleName());
        }
        assertTrue(kinds.size() > 45, kinds.toString());
    }

    @Test
    void aFunctionOfChangesWithoutACaseForEveryKindIsRefusedNamingThem() {
        ChangeCases<String> some = new ChangeCases<String>().on(SchemaChange.CreateSchema.class, c -> "create");
        IllegalStateException e = assertThrows(IllegalStateException.class, some::complete);
        assertTrue(e.getMessage().startsWith("No case for the changes [AddColumn, AddConstraint, AddEnumValue,"),
                e.getMessage());
        assertEquals("create", some.orElse("other").apply(new SchemaChange.CreateSchema("s")));
        assertEquals("other", some.orElse("other").apply(new SchemaChange.DropSchema("s")));
    }

    private static SchemaChange sample(Class<?> kind) throws Exception {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleOf(components[i].getGenericType(), kind);
        }
        Constructor<?> canonical = kind.getDeclaredConstructor(types);
        return (SchemaChange) canonical.newInstance(values);
    }

    private static Object sampleOf(Type type, Class<?> kind) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            Type element = list.getActualTypeArguments()[0];
            return List.of(element == String.class ? "fillfactor=70" : sampleOf(element, kind));
        }
        Object sample = SAMPLES.get(type);
        if (sample == null) {
            throw new AssertionError("No sample of " + type.getTypeName() + " to build a " + kind.getSimpleName()
                    + ": add one to " + EveryChangeRendersTest.class.getSimpleName());
        }
        return sample;
    }
}
