def log = new File(basedir, 'build.log').text
try {
    ['plan', 'apply', 'commit'].each { goal ->
        assert log.contains("No active session: nothing to ${goal}. Run mvn postkit:start first.") : goal
    }
    assert log.contains("A session is already active (remote 'staging'")
    assert log.contains('Session aborted')
    assert log.contains('Session: none')
    assert log.contains('postkit: skipped (postkit.skip)')
    assert !(log =~ /(?m)^\s+at io\.postkit\./) && !log.contains('PSQLException') : 'no stack traces'
    assert !new File(basedir, '.postkit/db/session.json').exists()
    return true
} finally {
    def pid = new File(basedir, 'target/remote/pg18/postmaster.pid')
    if (pid.exists()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
    }
}
