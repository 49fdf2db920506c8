package io.postkit.core.internal.scripts;

import io.postkit.core.internal.sql.ScriptStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Roles in infra text, and refusals for managing them, which a local database answers with stubs. */
class RoleStatementsTest {

    @Test
    void theRolesInfraCreatesAreFoundInDoBlocksTooButNotUserMappings() {
        List<ScriptStatement> statements = List.of(
                new ScriptStatement("CREATE ROLE app LOGIN PASSWORD 'x'", "infra/roles.sql", 1),
                new ScriptStatement("DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'Reader') THEN"
                        + " CREATE ROLE \"Reader\"; END IF; END$$", "infra/roles.sql", 2),
                new ScriptStatement("create user Writer", "infra/roles.sql", 3),
                new ScriptStatement("CREATE GROUP \"a\"\"b\"", "infra/roles.sql", 4),
                new ScriptStatement("CREATE USER MAPPING FOR app SERVER files", "infra/fdw.sql", 1),
                new ScriptStatement("DO $$BEGIN EXECUTE format('CREATE ROLE %I', 'dynamic'); END$$", "infra/x.sql",
                        1));
        assertEquals(Set.of("app", "Reader", "writer", "a\"b"), RoleStatements.createdBy(statements));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SQL statement \"CREATE ROLE x\"\\nPL/pgSQL function pg_temp_3.f(text) line 1 at EXECUTE"
                    + "|permission denied to create role|true",
            "SQL statement \"create user x login\"\\nPL/pgSQL function inline_code_block line 1 at SQL statement"
                    + "|permission denied to create role|true",
            "SQL statement \"ALTER ROLE x SET search_path = a\"|permission denied|true",
            "SQL statement \"DROP GROUP x\"|permission denied to drop role|true",
            "SQL statement \"GRANT r TO x\"|must have admin option on role \"r\"|true",
            "SQL statement \"REVOKE r FROM x\"|permission denied to revoke role \"r\"|true",
            "SQL statement \"COMMENT ON ROLE x IS 'y'\"|must have CREATEROLE privilege|true",
            "SQL statement \"CREATE USER MAPPING FOR x SERVER s\"|permission denied for foreign server s|false",
            "SQL statement \"GRANT USAGE ON SCHEMA s TO x\"|permission denied for schema s|false",
            "SQL statement \"COPY (SELECT 1) TO PROGRAM 'id'\""
                    + "|permission denied to COPY to or from an external program|false",
            "|permission denied to create role|false",
    })
    void aRefusalIsForManagingRolesWhenTheStatementItNamesDoes(String where, String message, boolean roles) {
        assertEquals(roles, RoleStatements.refusal(where == null ? null : where.replace("\\n", "\n"), message));
    }
}
