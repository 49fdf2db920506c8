
def log = new File(basedir, 'build.log').text
try {
    assert log.contains('column "phone" of relation "customers" contains null values')
    assert log.contains('SQLSTATE 23502')
    assert log.contains('The local clone was rolled back')
    assert log =~ /Session: planned/ : 'status after the failure shows the session still planned'
    assert log =~ /(?s)contains null values.*Applied migration.*No changes/

    def sessionMigrations = new File(basedir, '.postkit/db/session').listFiles().findAll { it.name.endsWith('.sql') }
    assert sessionMigrations.size() == 1 : 'only the successful apply left a session migration'
    def text = sessionMigrations[0].text
    def up = text.substring(text.indexOf("-- migrate:up") + "-- migrate:up".length(),
            text.indexOf("-- migrate:down")).trim()
    def down = text.substring(text.indexOf('-- migrate:down') + '-- migrate:down'.length()).trim()
    assert up == 'ALTER TABLE "public"."customers" ADD COLUMN "phone" text DEFAULT \'\'::text NOT NULL;' : text
    assert down == 'ALTER TABLE "public"."customers" DROP COLUMN "phone";' : text

    def session = new groovy.json.JsonSlurper().parse(new File(basedir, '.postkit/db/session.json'))
    assert session.migrations == [sessionMigrations[0].name.substring(0, 14)] : 'the session records that migration'
    assert session.state == 'APPLIED'
    assert session.remoteMajor == 13 : 'a PostgreSQL 13 remote gets a PostgreSQL 13 clone'
    return true
} finally {
    def pid = new File(basedir, 'target/remote/pg13/postmaster.pid')
    if (pid.exists()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
    }
}
