package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.RangeType;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.render.PlannedStatement;
import io.postkit.core.internal.render.SqlRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.postkit.core.internal.diff.SchemaModels.column;
import static io.postkit.core.internal.diff.SchemaModels.model;
import static io.postkit.core.internal.diff.SchemaModels.name;
import static io.postkit.core.internal.diff.SchemaModels.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Order from recorded dependencies (domains over row types, routines using routines), aggregates, range types. */
class TypeAndRoutineOrderTest {

    /** Just the public schema, as every model here has. */
    private static final SchemaModel NO_TABLES = model(List.of(), List.of());

    /** The plan's SQL without the privileges creation may give (they have tests of their own). */
    private static List<String> sql(SchemaModel from, SchemaModel to) {
        return SqlRenderer.renderAll(SchemaDiff.between(from, to)).stream().map(PlannedStatement::sql)
                .filter(s -> !s.startsWith("SET LOCAL") && !s.startsWith("REVOKE")).toList();
    }

    /** base (a table) ← domain d over its row type ← a_uses (a table with a column of d). */
    private static SchemaModel rowTypeDomainModel() {
        Table base = table("z_base", List.of(column("x", "int")), List.of(), List.of());
        Table uses = table("a_uses", List.of(column("d", "public.d")), List.of(), List.of());
        Domain d = new Domain(name("d"), "public.z_base", null, null, null, false, List.of(), name("z_base"),
                Set.of(name("a_uses")));
        return model(List.of(base, uses), List.of()).withDomains(Map.of(d.name(), d));
    }

    @Test
    void aDomainOverARowTypeGoesBetweenItsTableAndTheTablesUsingIt() {
        assertEquals(List.of("CREATE TABLE \"public\".\"z_base\" (\n    \"x\" int\n)",
                "CREATE DOMAIN \"public\".\"d\" AS public.z_base",
                "CREATE TABLE \"public\".\"a_uses\" (\n    \"d\" public.d\n)"), sql(NO_TABLES, rowTypeDomainModel()));
    }

    @Test
    void andIsDroppedTheOtherWayRound() {
        assertEquals(List.of("DROP TABLE \"public\".\"a_uses\"", "DROP DOMAIN \"public\".\"d\"",
                "DROP TABLE \"public\".\"z_base\""), sql(rowTypeDomainModel(), NO_TABLES));
    }

    private static Routine function(String name, String arguments, Set<QualifiedName> uses) {
        return new Routine(name(name), arguments, Routine.Kind.FUNCTION,
                "CREATE OR REPLACE FUNCTION public." + name + "(" + arguments + ")", "integer", false, uses);
    }

    private static SchemaModel withRoutines(Routine... routines) {
        Map<QualifiedName, Routine> byName = new java.util.TreeMap<>();
        for (Routine r : routines) {
            byName.put(r.signature(), r);
        }
        return NO_TABLES.withRoutines(byName, Map.of());
    }

    @Test
    void routinesFollowTheRoutinesTheyUse() {
        Routine used = function("z_raw", "", Set.of());
        Routine user = function("a_process", "val integer", Set.of(used.signature()));
        SchemaModel desired = withRoutines(used, user);
        assertEquals(List.of("CREATE OR REPLACE FUNCTION public.z_raw()",
                "CREATE OR REPLACE FUNCTION public.a_process(val integer)"), sql(NO_TABLES, desired));
        assertEquals(List.of("DROP FUNCTION \"public\".\"a_process\"(val integer)",
                "DROP FUNCTION \"public\".\"z_raw\"()"), sql(desired, NO_TABLES));
    }

    /** {@code CREATE DOMAIN email AS text CHECK (public.is_email(VALUE))}, and a function taking an email. */
    @Test
    void aDomainWhoseCheckCallsAFunctionComesAfterItAndBeforeWhatUsesTheDomain() {
        Routine check = function("z_is_email", "value text", Set.of());
        Domain email = new Domain(name("email"), "text", null, null, null, false,
                List.of(io.postkit.core.internal.model.Constraint.of("email_check",
                        io.postkit.core.internal.model.ConstraintType.CHECK, "CHECK (public.z_is_email(VALUE))")),
                null, Set.of(name("users")), Set.of(check.signature()));
        Routine send = function("a_send", "recipient public.email", Set.of(email.name()));
        Table users = table("users", List.of(column("address", "public.email")), List.of(), List.of());
        SchemaModel desired = model(List.of(users), List.of()).withDomains(Map.of(email.name(), email))
                .withRoutines(Map.of(check.signature(), check, send.signature(), send), Map.of());

        assertEquals(List.of("CREATE OR REPLACE FUNCTION public.z_is_email(value text)",
                "CREATE DOMAIN \"public\".\"email\" AS text CONSTRAINT \"email_check\" CHECK (public.z_is_email(VALUE))",
                "CREATE OR REPLACE FUNCTION public.a_send(recipient public.email)",
                "CREATE TABLE \"public\".\"users\" (\n    \"address\" public.email\n)"), sql(NO_TABLES, desired));
        assertEquals(List.of("DROP TABLE \"public\".\"users\"", "DROP FUNCTION \"public\".\"a_send\"(recipient public.email)",
                "DROP DOMAIN \"public\".\"email\"", "DROP FUNCTION \"public\".\"z_is_email\"(value text)"),
                sql(desired, NO_TABLES));
    }

    @Test
    void aChangedAggregateIsDroppedAndCreatedAgain() {
        Routine before = new Routine(name("total"), "integer", Routine.Kind.AGGREGATE,
                "CREATE AGGREGATE public.total(integer) (SFUNC = int4pl, STYPE = integer)", "integer", false,
                Set.of());
        Routine after = new Routine(name("total"), "integer", Routine.Kind.AGGREGATE,
                "CREATE AGGREGATE public.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0')",
                "integer", false, Set.of());
        assertEquals(List.of("DROP AGGREGATE \"public\".\"total\"(integer)", after.definition()),
                sql(withRoutines(before), withRoutines(after)));
    }

    @Test
    void aChangedRangeTypeIsDroppedAndCreatedAgainAndKeepsItsComment() {
        RangeType before = new RangeType(name("r"), "CREATE TYPE public.r AS RANGE (SUBTYPE = numeric)");
        RangeType after = new RangeType(name("r"),
                "CREATE TYPE public.r AS RANGE (SUBTYPE = numeric, SUBTYPE_DIFF = numeric_sub)");
        io.postkit.core.internal.model.CommentTarget comment = new io.postkit.core.internal.model.CommentTarget(
                io.postkit.core.internal.model.CommentTarget.Kind.TYPE, name("r"), "");
        SchemaModel current = SchemaModel.of(Set.of("public"), Map.of(), Map.of(), Map.of(comment, "prices"))
                .withRanges(Map.of(before.name(), before));
        SchemaModel desired = SchemaModel.of(Set.of("public"), Map.of(), Map.of(), Map.of(comment, "prices"))
                .withRanges(Map.of(after.name(), after));
        List<String> plan = sql(current, desired);
        assertEquals(List.of("DROP TYPE \"public\".\"r\"", after.definition(),
                "COMMENT ON TYPE \"public\".\"r\" IS 'prices'"), plan);
    }

}
