package io.postkit.core;

import io.postkit.core.api.Workspace;
import io.postkit.core.internal.plan.PlanDocument;
import io.postkit.core.testing.TestPostgres;
import io.postkit.core.testing.TestProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every expression PostgreSQL prints must plan to nothing once applied, even where its printed text is not a fixed
 * point: a {@code varchar IN (...)} prints as {@code ... = ANY ((ARRAY[...])::text[])}, which prints differently
 * once created again from that text, as the clone and every migration do.
 */
class NormalFormIT {

    private static final String TABLE = "CREATE TABLE t (id int PRIMARY KEY, status varchar(10) NOT NULL);\n";

    /** One construct each, all with a varchar IN list. */
    static Stream<Arguments> constructs() {
        return Stream.of(
                Arguments.of("policy", "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
                        + "CREATE POLICY open ON t USING (status IN ('a', 'b')) WITH CHECK (status IN ('a', 'c'));"),
                Arguments.of("trigger WHEN", "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql"
                        + " AS 'BEGIN RETURN NEW; END';\nCREATE TRIGGER touch BEFORE UPDATE ON t FOR EACH ROW"
                        + " WHEN (NEW.status IN ('a', 'b')) EXECUTE FUNCTION touch();"),
                Arguments.of("column default", "ALTER TABLE t ALTER COLUMN status SET DEFAULT CASE WHEN"
                        + " 'a'::varchar IN ('a', 'b') THEN 'a' END;"),
                Arguments.of("generated column", "CREATE TABLE g (status varchar(10),"
                        + " known boolean GENERATED ALWAYS AS (status IN ('a', 'b')) STORED);"),
                Arguments.of("domain check and default", "CREATE DOMAIN code AS varchar(5)"
                        + " DEFAULT CASE WHEN 'a'::varchar IN ('a', 'b') THEN 'a' END CHECK (VALUE IN ('a', 'b'));\n"
                        + "CREATE TABLE d (c code);"),
                Arguments.of("index predicate", "CREATE INDEX open_t ON t (id) WHERE status IN ('a', 'b');"));
    }

    /** On the newest major under test: generation expressions can be re-set from PostgreSQL 17. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void aPlanAppliedPlansToNothing(String construct, String sql) throws Exception {
        List<Integer> majors = TestPostgres.majors();
        int major = majors.get(majors.size() - 1);
        TestProject project = TestProject.withRemote("normal-form", major, TABLE, TABLE + sql);
        Workspace workspace = project.workspace();
        new StartCommand(workspace, Clock.systemUTC()).run(null);

        PlanDocument first = new PlanCommand(workspace, Clock.systemUTC()).run();
        new ApplyCommand(workspace, Clock.systemUTC()).run(new ApplyCommand.Options(false, "normal_form"));
        PlanDocument second = new PlanCommand(workspace, Clock.systemUTC()).run();

        assertFalse(first.statements().isEmpty(), "the first plan creates the " + construct);
        assertEquals(List.of(), second.statements(), "a second plan of the " + construct);
    }
}
