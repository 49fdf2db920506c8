// The databases are left running by the invocations so this script can look at them; it stops them at the end.
def password = 'it-Secret-7Qz9'
def log = new File(basedir, 'build.log').text

def query(int port, String sql) {
    def props = new Properties()
    props.setProperty('user', 'postgres')
    props.setProperty('password', 'it-Secret-7Qz9')
    // the driver itself: DriverManager does not see drivers of the script's class loader
    new org.postgresql.Driver().connect("jdbc:postgresql://localhost:${port}/shop", props).withCloseable { c ->
        def rs = c.createStatement().executeQuery(sql)
        def rows = []
        while (rs.next()) { rows << rs.getString(1) }
        rows
    }
}

try {
    assert log.contains("Recording the import's baseline migration as applied on remote 'source' needs confirmation,"
            + " and this build cannot ask (batch mode). Run with -Dpostkit.yes")
    assert log.contains('The schema directory db/schema is not empty')
    assert log =~ /(?s)Wrote \d+ files to db\/schema\/ and the baseline migration.*No changes: the local clone already matches the schema files/ :
            'a new session after import plans nothing'
    assert log.contains("Applied 1 migration(s) to remote 'source'") : 'only the change runs on the source'
    assert log.contains("Applied 2 migration(s) to remote 'empty'") : 'the baseline and the change run on the empty database'

    def schema = new File(basedir, 'db/schema')
    def files = []
    schema.eachFileRecurse { f -> if (f.isFile()) files << schema.toPath().relativize(f.toPath()).toString() }
    files.sort()
    ['infra/0001_roles.sql', 'infra/0002_schemas.sql', 'infra/0003_extensions.sql', 'types/0001_order_status.sql',
     'tables/0001_billing.invoices.sql', 'tables/0002_customers.sql', 'tables/0003_orders.sql', 'tables/0100_reviews.sql',
     'functions/0001_order_total_between.sql', 'functions/0002_touch_updated_at.sql', 'views/0001_customer_orders.sql',
     'views/0002_big_customers.sql', 'materialized_views/0001_order_stats.sql', 'triggers/0001_orders.orders_touch.sql',
     'rls/0001_customers.customers_reader.sql', 'rls/0002_customers.customers_tenant.sql'].each {
        assert files.contains(it) : "${it} is missing from ${files}"
    }
    assert files.any { it.startsWith('grants/') }
    def grants = files.findAll { it.startsWith('grants/') }.collect { new File(schema, it).text }.join()
    assert grants.contains('GRANT EXECUTE ON ROUTINE "public"."order_total_between"(from_time timestamp without time'
            + ' zone, to_time timestamp without time zone, customer_identifier bigint) TO "shop_app";')
    assert new File(schema, 'infra/0001_roles.sql').text.contains('CREATE ROLE "shop_app" LOGIN;')

    def migrations = new File(basedir, '.postkit/db/migrations').listFiles().collect { it.name }.sort()
    assert migrations.size() == 2 && migrations[0] ==~ /\d{14}_baseline\.sql/ && migrations[1] ==~ /\d{14}_schema_change\.sql/
    def versions = migrations.collect { it.substring(0, 14) }
    def committed = new groovy.json.JsonSlurper().parse(new File(basedir, '.postkit/db/committed.json'))
    assert committed.migrations*.version == versions
    assert committed.migrations.every { it.deployments.keySet() as List == ['empty', 'source'] }

    assert query(24211, 'SELECT version FROM schema_migrations ORDER BY version') == versions
    assert query(24212, 'SELECT version FROM schema_migrations ORDER BY version') == versions
    assert query(24211, "SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT count(*) FROM orders) || ' '"
            + " || (SELECT count(*) FROM billing.invoices)") == ['2000 6000 1000'] : 'the source keeps its data'
    assert query(24212, 'SELECT count(*) FROM orders') == ['0']
    assert query(24212, "SELECT to_regclass('public.reviews') IS NOT NULL") == ['t']
    assert query(24212, "SELECT has_function_privilege('shop_app', 'public.order_total_between(timestamp, timestamp,"
            + " bigint)', 'EXECUTE')::text || ' ' || has_function_privilege('shop_reader',"
            + " 'public.order_total_between(timestamp, timestamp, bigint)', 'EXECUTE')::text") == ['true false']

    assert log.contains('No differences.') : 'postkit:diff finds the source and the empty database the same'
    assert new File(basedir, 'target/source-vs-empty.sql').text == ''

    assert !log.contains(password)
    new File(basedir, '.postkit').eachFileRecurse { f ->
        if (f.isFile()) {
            assert !f.getText('ISO-8859-1').contains(password) : "password found in ${f}"
        }
    }
    return true
} finally {
    ['target/source/pg18/postmaster.pid', 'target/empty/pg18/postmaster.pid'].each {
        def pid = new File(basedir, it)
        if (pid.exists()) {
            ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
        }
    }
}
