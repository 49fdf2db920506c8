def log = new File(basedir, 'build.log').text
try {
    assert log.contains("Cannot reach remote 'nowhere'")
    assert log.contains("Authentication failed for remote 'locked'")
    assert log.contains("server id 'it-wrong-password'")
    assert log.contains("Unknown remote 'unknown'")
    assert !log.contains('not-the-password')
    assert !(log =~ /(?m)^\s+at io\.postkit\./) && !log.contains('PSQLException') : 'no stack traces'
    assert !new File(basedir, '.postkit/db/session.json').exists() : 'a failed start leaves no session'
    return true
} finally {
    def pid = new File(basedir, 'target/remote/pg18/postmaster.pid')
    if (pid.exists()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
    }
}
