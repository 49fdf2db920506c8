// The remote is left running by the invocations so this script can look at it; it stops it at the end.
def log = new File(basedir, 'build.log').text.replaceAll('\u001B\\[[;\\d]*m', '')
try {
    def migrations = new File(basedir, '.postkit/db/migrations').listFiles().findAll { it.name.endsWith('.sql') }
            .collect { it.name }.sort()
    assert migrations.collect { it.substring(15, it.length() - 4) } ==
            ['products', 'add_price', 'backfill_prices', 'price_required'] : 'in version order'
    assert log.contains('Applied migration ' + migrations[2] + ' to the local clone.')

    assert log.count('Check passed: the 4 committed migration(s) give what the schema files hold, and remote'
            + ' \'staging\' holds what its applied migrations give.') == 1
    assert log.contains('The schema files hold changes that no committed migration carries:\n'
            + '[ERROR]   ALTER TABLE "public"."products" ADD COLUMN "note" text')
    assert log.contains('Remote \'staging\' differs from what its applied migrations give (a change made by hand?).')
    assert log.contains('[ERROR]   CREATE INDEX products_price_by_hand ON public.products USING btree (price)')

    def props = new Properties()
    props.setProperty('user', 'postgres')
    new org.postgresql.Driver().connect('jdbc:postgresql://localhost:24312/shop', props).withCloseable { c ->
        def rs = c.createStatement().executeQuery('SELECT version FROM schema_migrations ORDER BY version')
        def versions = []
        while (rs.next()) { versions << rs.getString(1) }
        assert versions == migrations.collect { it.substring(0, 14) } : 'all four deployed'
        rs = c.createStatement().executeQuery("SELECT string_agg(id || ':' || price, ',' ORDER BY id) FROM products")
        rs.next()
        assert rs.getString(1) == '1:2.50,2:0.99' : 'the backfill ran before NOT NULL, on the remote too'
    }
    return true
} finally {
    def pid = new File(basedir, 'target/remote/pg18/postmaster.pid')
    if (pid.exists()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
    }
}
