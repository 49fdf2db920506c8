package io.postkit.core;

import io.postkit.core.api.Confirmation;
import io.postkit.core.api.Host;
import io.postkit.core.api.PostkitLog;
import io.postkit.core.api.ServerCredentials;
import io.postkit.core.testing.Psql;
import io.postkit.core.testing.TestDatabase;
import io.postkit.core.testing.TestPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Constructs of real public schemas (Sakila, pagila) that broke {@code postkit:diff} and {@code start}, written
 * small: a domain whose CHECK calls a function, SQL functions calling functions that sort after them, a routine
 * signature over 63 bytes, partitions with defaults and NOT NULL of their own, an extension. A user's way: the
 * schema built from an empty database and torn down to one, each output run with {@code psql -v ON_ERROR_STOP=1 -f}.
 */
class RealSchemaConstructsIT {

    static final String SCHEMA = """
            CREATE EXTENSION pg_trgm;
            CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
            CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
            CREATE FUNCTION valid_email(address text) RETURNS boolean LANGUAGE sql IMMUTABLE
                AS $$ SELECT address LIKE '%_@_%' $$;
            CREATE DOMAIN email AS text CONSTRAINT email_check CHECK (valid_email(VALUE));
            CREATE TABLE customer (
                customer_id serial PRIMARY KEY,
                email email,
                active boolean NOT NULL DEFAULT true,
                last_update timestamp without time zone NOT NULL DEFAULT now()
            );
            CREATE TABLE film (
                film_id serial PRIMARY KEY,
                title text NOT NULL,
                release_year year,
                rating mpaa_rating DEFAULT 'G',
                fulltext tsvector
            );
            CREATE INDEX film_title_trgm ON film USING gin (title gin_trgm_ops);
            CREATE TRIGGER film_fulltext BEFORE INSERT OR UPDATE ON film FOR EACH ROW
                EXECUTE FUNCTION tsvector_update_trigger(fulltext, 'pg_catalog.english', title);
            CREATE TABLE payment (
                payment_id serial,
                customer_id integer NOT NULL REFERENCES customer,
                amount numeric(5, 2) NOT NULL,
                payment_date timestamp without time zone NOT NULL,
                note text,
                PRIMARY KEY (payment_date, payment_id)
            ) PARTITION BY RANGE (payment_date);
            CREATE TABLE payment_p2022_01 PARTITION OF payment
                FOR VALUES FROM ('2022-01-01') TO ('2022-02-01');
            CREATE TABLE payment_p2022_02 PARTITION OF payment
                FOR VALUES FROM ('2022-02-01') TO ('2022-03-01');
            ALTER TABLE payment_p2022_02 ALTER COLUMN note SET DEFAULT 'february';
            ALTER TABLE payment_p2022_02 ALTER COLUMN note SET NOT NULL;
            ALTER TABLE payment_p2022_01 ALTER COLUMN amount SET DEFAULT 0;
            CREATE FUNCTION z_rate(customer integer) RETURNS numeric LANGUAGE sql STABLE
                AS $$ SELECT 1.5 $$;
            CREATE FUNCTION a_rewards(customer integer) RETURNS numeric LANGUAGE sql STABLE
                AS $$ SELECT z_rate(customer) * count(*) FROM payment WHERE customer_id = customer $$;
            CREATE FUNCTION get_customer_balance(p_customer_id integer,
                    p_effective_date timestamp without time zone) RETURNS numeric LANGUAGE plpgsql
                AS $$ BEGIN RETURN (SELECT coalesce(sum(amount), 0) FROM payment
                    WHERE customer_id = p_customer_id AND payment_date <= p_effective_date); END $$;
            CREATE VIEW customer_balance AS SELECT c.customer_id,
                get_customer_balance(c.customer_id, now()::timestamp) AS balance, a_rewards(c.customer_id) AS rewards
                FROM customer c;
            COMMENT ON FUNCTION get_customer_balance(integer, timestamp without time zone) IS 'as of a date';
            """;

    static List<Integer> majors() {
        return TestPostgres.majors();
    }

    @ParameterizedTest
    @MethodSource("majors")
    void builtFromAnEmptyDatabaseAndTornDownToOneWithPsql(int major) throws Exception {
        TestDatabase source = TestPostgres.freshDatabase(major);
        source.execute(SCHEMA);
        TestDatabase empty = TestPostgres.freshDatabase(major);
        TestDatabase target = TestPostgres.freshDatabase(major);

        String create = diff(empty, source);
        assertTrue(create.startsWith("BEGIN;\n\nSET LOCAL check_function_bodies = off;\n\n"
                + "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\" SCHEMA \"public\";\n"), create);
        Psql.run(target, create);
        assertEquals("", diff(target, source), "nothing left to create");
        assertEquals("'february'::text", target.queryValue("SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
                + " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                + " WHERE d.adrelid = 'payment_p2022_02'::regclass AND a.attname = 'note'"));
        assertEquals("t", target.queryValue("SELECT attnotnull FROM pg_attribute"
                + " WHERE attrelid = 'payment_p2022_02'::regclass AND attname = 'note'"));
        assertEquals("f", target.queryValue("SELECT attnotnull FROM pg_attribute"
                + " WHERE attrelid = 'payment_p2022_01'::regclass AND attname = 'note'"));

        String drop = diff(target, empty);
        assertTrue(drop.contains("\n\nDROP EXTENSION \"pg_trgm\";\n\nCOMMIT;\n"), drop);
        Psql.run(target, drop);
        assertEquals(0, target.queryInt("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"));
        assertEquals(0, target.queryInt("SELECT count(*) FROM pg_proc p JOIN pg_namespace n"
                + " ON n.oid = p.pronamespace WHERE n.nspname = 'public'"));
        assertEquals(0, target.queryInt("SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'"));
    }

    private static String diff(TestDatabase from, TestDatabase to) {
        Host host = new Host(TestPostgres.binaries(), ServerCredentials.NONE, Confirmation.BATCH, PostkitLog.SILENT,
                TestPostgres.machine().withEnvironment(Map.of("PGUSER", "postgres")));
        return new DiffCommand(host, TestPostgres.workDir().resolve("diff-server"))
                .run(new DiffCommand.Request(from.url(), to.url(), null, List.of()));
    }
}
