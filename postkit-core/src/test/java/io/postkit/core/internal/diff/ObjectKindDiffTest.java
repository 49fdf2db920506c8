package io.postkit.core.internal.diff;

import io.postkit.core.internal.model.Column;
import io.postkit.core.internal.model.CompositeType;
import io.postkit.core.internal.model.Constraint;
import io.postkit.core.internal.model.ConstraintType;
import io.postkit.core.internal.model.DefaultGrant;
import io.postkit.core.internal.model.Domain;
import io.postkit.core.internal.model.Grant;
import io.postkit.core.internal.model.Owner;
import io.postkit.core.internal.model.Policy;
import io.postkit.core.internal.model.QualifiedName;
import io.postkit.core.internal.model.Routine;
import io.postkit.core.internal.model.SchemaModel;
import io.postkit.core.internal.model.Table;
import io.postkit.core.internal.model.Trigger;
import io.postkit.core.internal.model.View;
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

/** Diff and rendering of the object kinds not covered by a test of their own, each without a database. */
class ObjectKindDiffTest {

    private static final Table ITEMS = table("items", List.of(column("id", "int")), List.of(), List.of());
    private static final SchemaModel BASE = model(List.of(ITEMS), List.of());

    private static List<String> sql(SchemaModel from, SchemaModel to) {
        return SqlRenderer.renderAll(SchemaDiff.between(from, to)).stream().map(PlannedStatement::sql).toList();
    }

    private static Routine function(String body) {
        return new Routine(name("stamp"), "", Routine.Kind.FUNCTION,
                "CREATE OR REPLACE FUNCTION public.stamp() RETURNS trigger LANGUAGE plpgsql AS $$" + body + "$$",
                "trigger", false, Set.of());
    }

    private static SchemaModel withTrigger(Routine routine, Trigger trigger) {
        return BASE.withRoutines(Map.of(routine.signature(), routine),
                trigger == null ? Map.of() : Map.of(trigger.key(), trigger));
    }

    @Test
    void triggersAreCreatedAfterTheirFunctionAndADisabledOneIsDisabledRightAfter() {
        Trigger trigger = new Trigger(name("items"), "items_stamp",
                "CREATE TRIGGER items_stamp BEFORE INSERT ON public.items FOR EACH ROW EXECUTE FUNCTION public.stamp()",
                "D", name("stamp()"));
        assertEquals(List.of("SET LOCAL check_function_bodies = off",
                "CREATE OR REPLACE FUNCTION public.stamp() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
                "CREATE TRIGGER items_stamp BEFORE INSERT ON public.items FOR EACH ROW EXECUTE FUNCTION public.stamp();\n"
                        + "ALTER TABLE \"public\".\"items\" DISABLE TRIGGER \"items_stamp\"",
                "REVOKE EXECUTE ON ROUTINE \"public\".\"stamp\"() FROM PUBLIC"),
                sql(BASE, withTrigger(function("BEGIN RETURN NEW; END"), trigger)));
    }

    @Test
    void aChangedTriggerIsDroppedAndCreatedAgain() {
        Routine routine = function("BEGIN RETURN NEW; END");
        Trigger before = new Trigger(name("items"), "t", "CREATE TRIGGER t BEFORE INSERT ON public.items FOR EACH ROW"
                + " EXECUTE FUNCTION public.stamp()", "O", name("stamp()"));
        Trigger after = new Trigger(name("items"), "t", "CREATE TRIGGER t BEFORE UPDATE ON public.items FOR EACH ROW"
                + " EXECUTE FUNCTION public.stamp()", "O", name("stamp()"));
        assertEquals(List.of("DROP TRIGGER \"t\" ON \"public\".\"items\"", after.definition()),
                sql(withTrigger(routine, before), withTrigger(routine, after)));
    }

    @Test
    void aNewFunctionBodyIsReplacedInPlace() {
        Routine before = function("BEGIN RETURN NEW; END");
        Routine after = function("BEGIN RETURN OLD; END");
        assertEquals(List.of("SET LOCAL check_function_bodies = off", after.definition()),
                sql(withTrigger(before, null), withTrigger(after, null)), "no drop");
    }

    @Test
    void rowSecurityAndPoliciesAreEnabledCreatedAndDropped() {
        Table secured = new Table(name("items"), ITEMS.columns(), List.of(), List.of(), true, true, false, null, null,
                List.of(), List.of());
        Policy policy = new Policy(name("items"), "own_rows", true, "SELECT", List.of("public"), "(id > 0)", null);
        SchemaModel desired = model(List.of(secured), List.of()).withPolicies(Map.of(policy.key(), policy));
        assertEquals(List.of("ALTER TABLE \"public\".\"items\" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY",
                "CREATE POLICY \"own_rows\" ON \"public\".\"items\" AS PERMISSIVE FOR SELECT TO PUBLIC USING ((id > 0))"),
                sql(BASE, desired));
        assertEquals(List.of("DROP POLICY \"own_rows\" ON \"public\".\"items\"",
                "ALTER TABLE \"public\".\"items\" DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY"),
                sql(desired, BASE));
    }

    @Test
    void grantsAndRevokesFollowTheDifferenceWithGrantOption() {
        Grant select = new Grant("TABLE", name("items"), "", "reader", "SELECT", false);
        Grant selectWithOption = new Grant("TABLE", name("items"), "", "reader", "SELECT", true);
        assertEquals(List.of("GRANT SELECT ON TABLE \"public\".\"items\" TO \"reader\""),
                sql(BASE, BASE.withGrants(Set.of(select))));
        assertEquals(List.of("REVOKE SELECT ON TABLE \"public\".\"items\" FROM \"reader\""),
                sql(BASE.withGrants(Set.of(select)), BASE));
        assertEquals(List.of("REVOKE GRANT OPTION FOR SELECT ON TABLE \"public\".\"items\" FROM \"reader\""),
                sql(BASE.withGrants(Set.of(selectWithOption)), BASE.withGrants(Set.of(select))));
    }

    /**
     * CREATE FUNCTION gives PUBLIC EXECUTE: a plan does not say so again, but revokes it when the schema files do,
     * and grants it when default privileges of the target (for every schema) may have taken it away.
     */
    @Test
    void aNewRoutineGetsOnlyThePrivilegesCreationDoesNotGive() {
        Routine stamp = function("BEGIN RETURN NEW; END");
        Grant publicExecute = new Grant("ROUTINE", name("stamp"), "", "public", "EXECUTE", false);
        Grant readerExecute = new Grant("ROUTINE", name("stamp"), "", "reader", "EXECUTE", false);
        SchemaModel both = withTrigger(stamp, null).withGrants(Set.of(publicExecute, readerExecute));
        SchemaModel readerOnly = withTrigger(stamp, null).withGrants(Set.of(readerExecute));

        assertEquals(List.of("GRANT EXECUTE ON ROUTINE \"public\".\"stamp\"() TO \"reader\""), privileges(BASE, both));
        assertEquals(List.of("REVOKE EXECUTE ON ROUTINE \"public\".\"stamp\"() FROM PUBLIC",
                "GRANT EXECUTE ON ROUTINE \"public\".\"stamp\"() TO \"reader\""), privileges(BASE, readerOnly));
        SchemaModel noPublicByDefault = BASE.withDefaultGrants(Set.of(DefaultGrant.scopeMarker("app", "", "f")));
        assertEquals(List.of("GRANT EXECUTE ON ROUTINE \"public\".\"stamp\"() TO PUBLIC",
                "GRANT EXECUTE ON ROUTINE \"public\".\"stamp\"() TO \"reader\""),
                privileges(noPublicByDefault, both.withDefaultGrants(noPublicByDefault.defaultGrants())));
    }

    private static List<String> privileges(SchemaModel from, SchemaModel to) {
        return sql(from, to).stream().filter(s -> s.startsWith("GRANT") || s.startsWith("REVOKE")).toList();
    }

    @Test
    void defaultPrivilegesAreAlteredForTheirRole() {
        DefaultGrant grant = new DefaultGrant("app", "public", "r", "reader", "SELECT", false);
        assertEquals(List.of("ALTER DEFAULT PRIVILEGES FOR ROLE \"app\" IN SCHEMA \"public\" GRANT SELECT ON TABLES TO"
                + " \"reader\""), sql(BASE, BASE.withDefaultGrants(Set.of(
                DefaultGrant.scopeMarker("app", "public", "r"), grant))));
    }

    @Test
    void domainsAreCreatedBaseFirstAndTheirChecksAltered() {
        Domain base = new Domain(name("z_positive"), "integer", null, null, null, false,
                List.of(Constraint.of("z_positive_check", ConstraintType.CHECK, "CHECK ((VALUE > 0))")));
        Domain derived = new Domain(name("a_small"), "public.z_positive", name("z_positive"), null, null, true,
                List.of());
        assertEquals(List.of("CREATE DOMAIN \"public\".\"z_positive\" AS integer CONSTRAINT \"z_positive_check\""
                        + " CHECK ((VALUE > 0))", "CREATE DOMAIN \"public\".\"a_small\" AS public.z_positive NOT NULL",
                "REVOKE USAGE ON TYPE \"public\".\"a_small\" FROM PUBLIC",
                "REVOKE USAGE ON TYPE \"public\".\"z_positive\" FROM PUBLIC"),
                sql(BASE, BASE.withDomains(Map.of(base.name(), base, derived.name(), derived))));
        Domain stricter = new Domain(name("z_positive"), "integer", null, null, null, false,
                List.of(Constraint.of("z_positive_check", ConstraintType.CHECK, "CHECK ((VALUE > 1))")));
        assertEquals(List.of("ALTER DOMAIN \"public\".\"z_positive\" DROP CONSTRAINT \"z_positive_check\";\n"
                + "ALTER DOMAIN \"public\".\"z_positive\" ADD CONSTRAINT \"z_positive_check\" CHECK ((VALUE > 1))"),
                sql(BASE.withDomains(Map.of(base.name(), base)),
                BASE.withDomains(Map.of(base.name(), stricter))));
    }

    @Test
    void compositeTypesAreCreatedAfterTheTypesTheyUseAndAltered() {
        CompositeType inner = new CompositeType(name("z_point"), List.of(column("x", "integer")), Set.of());
        CompositeType outer = new CompositeType(name("a_segment"), List.of(column("a", "public.z_point")),
                Set.of(name("z_point")));
        assertEquals(List.of("CREATE TYPE \"public\".\"z_point\" AS (\"x\" integer)",
                "CREATE TYPE \"public\".\"a_segment\" AS (\"a\" public.z_point)",
                "REVOKE USAGE ON TYPE \"public\".\"a_segment\" FROM PUBLIC",
                "REVOKE USAGE ON TYPE \"public\".\"z_point\" FROM PUBLIC"),
                sql(BASE, BASE.withComposites(Map.of(inner.name(), inner, outer.name(), outer))));
        CompositeType wider = new CompositeType(name("z_point"), List.of(column("x", "integer"),
                column("y", "integer")), Set.of());
        assertEquals(List.of("ALTER TYPE \"public\".\"z_point\" ADD ATTRIBUTE \"y\" integer"),
                sql(BASE.withComposites(Map.of(inner.name(), inner)),
                BASE.withComposites(Map.of(wider.name(), wider))));
    }

    @Test
    void materializedViewsComeWithTheirIndexes() {
        View view = new View(name("item_ids"), List.of(Column.of("id", "integer", false, null)),
                " SELECT items.id FROM public.items;", List.of(), Set.of("public.items"), true, true,
                List.of(new io.postkit.core.internal.model.Index("item_ids_id",
                        "CREATE INDEX item_ids_id ON public.item_ids USING btree (id)")));
        SchemaModel desired = SchemaModel.of(Set.of("public"), Map.of(ITEMS.name(), ITEMS), Map.of(),
                Map.of(view.name(), view), Map.of());
        assertEquals(List.of("CREATE MATERIALIZED VIEW \"public\".\"item_ids\" AS\nSELECT items.id FROM public.items\n"
                + "WITH DATA;\nCREATE INDEX item_ids_id ON public.item_ids USING btree (id)"), sql(BASE, desired),
                "created, filled and indexed in one statement");
    }

    @Test
    void ownersAreSetOnlyAsTheOwnerRuleSays() {
        SchemaModel remote = BASE.withOwners(List.of(new Owner("TABLE", name("items"), "", "app")));
        SchemaModel files = BASE.withOwners(List.of(new Owner("TABLE", name("items"), "", "postgres")));
        SchemaModel declared = BASE.withOwners(List.of(new Owner("TABLE", name("items"), "", "owner")));
        assertEquals(List.of(), SchemaDiff.between(remote, declared), "ignored unless managed");
        assertEquals(List.of(), SchemaDiff.between(remote, files, OwnerRule.declared("postgres")),
                "the shadow's own user means no owner was given");
        assertEquals(List.of("ALTER TABLE \"public\".\"items\" OWNER TO \"owner\""), SqlRenderer.renderAll(
                SchemaDiff.between(remote, declared, OwnerRule.declared("postgres"))).stream()
                .map(PlannedStatement::sql).toList());
        SchemaModel function = BASE.withOwners(List.of(new Owner("FUNCTION", name("f"), "a integer", "owner")));
        assertEquals(List.of("ALTER FUNCTION \"public\".\"f\"(a integer) OWNER TO \"owner\""),
                SqlRenderer.renderAll(SchemaDiff.between(BASE, function, OwnerRule.ALL)).stream()
                        .map(PlannedStatement::sql).toList());
    }
}
