def log = new File(basedir, 'build.log').text
try {
    assert log.contains("<clone><sample> (postkit.clone.sample) is 'lots'; give a percentage above 0 and at most 100")
    assert log.contains("cloning it into a local PostgreSQL 18 (a sample of 100 rows per table; no rows of *_log;"
            + " rows that copied rows reference are copied too)")
    // orders: its first 100 rows; customers: its first 100 and the one more the orders reference; access_log: none
    assert log =~ /Cloned remote 'staging' in [0-9.]+ s: 3 tables, 200 rows.*; 1 more row\(s\) that copied rows reference/ :
            'the sample, the exclusion and the rows the sample references'
    assert log.contains("cloning it into a local PostgreSQL 18 (schema only)")
    assert log =~ /Cloned remote 'staging' in [0-9.]+ s: 3 tables, schema only/
    assert log =~ /Clone steps: [0-9.]+ s \(catalog read/ : 'the clone says where its time went'
    assert !(log =~ /(?m)^\s+at io\.postkit\./) && !log.contains('PSQLException') : 'no stack traces'
    assert !new File(basedir, '.postkit/db/session.json').exists()
    return true
} finally {
    def pid = new File(basedir, 'target/remote/pg18/postmaster.pid')
    if (pid.exists()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
    }
}
