// The remote is left running by the invocations so this script can look at it; it stops it at the end.
// without Maven's colour codes, which it writes even in batch mode
def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[;\\d]*m', '')
def query = { c, sql ->
    def rs = c.createStatement().executeQuery(sql)
    rs.next()
    rs.getString(1)
}
try {
    assert log.count('No changes: the local clone already matches the schema files.') == 2 : 're-plans are empty'
    assert !log.contains('REVOKE') : 'no plan revokes a privilege the grants files give'
    assert log.count('Applied 1 migration(s) to remote \'staging\'') == 2

    ['diff-v1.sql', 'diff-v2.sql'].each { name ->
        def diff = new File(basedir, "target/${name}")
        assert diff.exists() && diff.text == '' : "the remote equals the files after each deploy: ${name}: ${diff.text}"
    }

    def migrations = new File(basedir, '.postkit/db/migrations').listFiles().findAll { it.name.endsWith('.sql') }
            .sort { it.name }
    assert migrations*.name.collect { it.substring(15) } == ['shop.sql', 'loyalty.sql']
    def round2 = migrations[1].text
    assert round2.contains('ADD COLUMN "loyalty_points" integer DEFAULT 0 NOT NULL')
    assert round2.contains('CREATE POLICY "customers_writable"')

    def committed = new groovy.json.JsonSlurper().parse(new File(basedir, '.postkit/db/committed.json'))
    assert committed.migrations.every { it.deployments.containsKey('staging') }

    // -q leaves only postkit's JSON document on standard output
    def json = log.substring(log.lastIndexOf('\n{\n') + 1, log.lastIndexOf('\n}') + 2)
    def remotes = new groovy.json.JsonSlurper().parseText(json).remotes
    assert remotes.size() == 1
    assert remotes[0].name == 'staging' && remotes[0].reachable && remotes[0].location == 'localhost:24311/shop'
    assert remotes[0].pendingMigrations == [] && remotes[0].serverVersion.startsWith('18.')

    def props = new Properties()
    props.setProperty('user', 'postgres')
    new org.postgresql.Driver().connect('jdbc:postgresql://localhost:24311/shop', props).withCloseable { c ->
        assert query(c, 'SELECT count(*) FROM schema_migrations') == '2'
        assert query(c, "SELECT count(*) FROM customers WHERE status = 'pending'") == '500' : 'seeded once'
        assert query(c, 'SELECT count(*) FROM customers') == '5000'
        assert query(c, "SELECT string_agg(sku || ':' || price_cents, ',' ORDER BY sku) FROM products") == 'mug:1200,tea:450'
        assert query(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'customers'::regclass"
                + " AND attname = 'email'") == 'citext' : 'the extension type from infra/'
        assert query(c, "SELECT pg_get_function_result('order_count(bigint)'::regprocedure)") == 'bigint'
        assert query(c, "SELECT has_table_privilege('shop_reader', 'customer_orders', 'SELECT')") == 't'
        assert query(c, "SELECT has_function_privilege('shop_reader', 'order_count(bigint)', 'EXECUTE')") == 't'
        assert query(c, "SELECT has_sequence_privilege('shop_writer', 'customers_id_seq', 'USAGE')") == 't'
        assert query(c, "SELECT string_agg(polname, ',' ORDER BY polname) FROM pg_policy") == 'customers_readable,customers_writable'
        assert query(c, "SELECT count(*) FROM pg_trigger WHERE tgname = 'customers_touch'") == '1'
    }
    return true
} finally {
    def pid = new File(basedir, 'target/remote/pg18/postmaster.pid')
    if (pid.exists()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
    }
}
