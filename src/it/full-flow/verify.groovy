// The remote is left running by the invocations so this script can look at it; it stops it at the end.
def password = 'it-Secret-7Qz9'
def log = new File(basedir, 'build.log').text
try {
    assert log.contains('Cloned') : 'start reports the clone'
    assert log =~ /(?s)No changes.*Committed 1 migration/ : 're-plan after apply reports no changes'
    assert log.contains('Applied 1 migration(s) to remote \'staging\'')
    assert log.contains('Remote \'staging\' is up to date') : 'second deploy is a no-op'

    def migrations = new File(basedir, '.postkit/db/migrations').listFiles().findAll { it.name.endsWith('.sql') }
    assert migrations.size() == 1
    def migration = migrations[0]
    assert migration.name ==~ /\d{14}_[a-z0-9_]+\.sql/
    assert migration.text.contains('-- migrate:up')
    assert migration.text.contains('CREATE TABLE "public"."orders"')
    assert migration.text.contains('-- migrate:down')
    def version = migration.name.substring(0, 14)

    def committed = new groovy.json.JsonSlurper().parse(new File(basedir, '.postkit/db/committed.json'))
    assert committed.formatVersion == 1
    assert committed.migrations*.version == [version]
    assert committed.migrations[0].deployments.containsKey('staging')
    assert !new File(basedir, '.postkit/db/session.json').exists() : 'commit ends the session'

    // the driver itself: DriverManager does not see drivers of the script's class loader
    def props = new Properties()
    props.setProperty('user', 'postgres')
    props.setProperty('password', password)
    new org.postgresql.Driver().connect('jdbc:postgresql://localhost:24101/shop', props).withCloseable { c ->
        def rs = c.createStatement().executeQuery('SELECT version FROM schema_migrations')
        def versions = []
        while (rs.next()) { versions << rs.getString(1) }
        assert versions == [version] : 'the migration is recorded once on the remote'
        rs = c.createStatement().executeQuery(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.orders'::regclass AND contype = 'f'")
        rs.next()
        assert rs.getInt(1) == 1 : 'orders has its foreign key on the remote'
        rs = c.createStatement().executeQuery("SELECT to_regclass('public.orders_customer_id_idx') IS NOT NULL")
        rs.next()
        assert rs.getBoolean(1) : 'the index exists on the remote'
        rs = c.createStatement().executeQuery('SELECT count(*) FROM customers')
        rs.next()
        assert rs.getInt(1) == 2500 : 'the remote keeps its data'
    }

    // (e) the password is nowhere in what postkit wrote, nor in the log
    assert !log.contains(password)
    new File(basedir, '.postkit').eachFileRecurse { f ->
        if (f.isFile()) {
            assert !f.getText('ISO-8859-1').contains(password) : "password found in ${f}"
        }
    }
    return true
} finally {
    def pid = new File(basedir, 'target/remote/pg18/postmaster.pid')
    if (pid.exists()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
    }
}
