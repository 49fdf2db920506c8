// server-start left a server running on 24105; server-stop must have stopped it for good, and a second
// server-stop must have succeeded (the invoker fails the IT if any step fails) saying there was nothing to stop.
def dataDir = new File(basedir, 'target/server/pg18')
def log = new File(basedir, 'build.log').text
def serverLog = new File(dataDir, 'postkit-server.log')
def postmasterPid = { ->
    def ready = serverLog.readLines().find { it.contains('database system is ready to accept connections') }
    assert ready != null : "the server log says the server started:\n${serverLog.text}"
    def m = ready =~ /\[(\d+)\]/
    assert m.find() : ready
    m.group(1) as long
}
try {
    assert log.contains("Created database 'app'")
    assert log =~ /PostgreSQL 18 running on localhost:24105 as user 'postgres' \(data: \S+\/target\/server\/pg18\)/
    assert log =~ /Stopped PostgreSQL 18 on localhost:24105 \(data: \S+\/target\/server\/pg18\)/
    assert log =~ /No PostgreSQL server is running on \S+\/target\/server\/pg18\n/ : 'the second stop says so'
    assert !log.contains('it-Secret-7Qz9') : 'the password from settings.xml is not logged'
    assert (log =~ /BUILD SUCCESS/).size() == 3 : 'all three steps succeed'

    // the port is free: nothing accepts a connection on it
    def refused = false
    try {
        new Socket().withCloseable { it.connect(new InetSocketAddress('localhost', 24105), 2000) }
    } catch (ConnectException e) {
        refused = true
    }
    assert refused : 'something still listens on port 24105'

    // the process has ended: its postmaster.pid is removed and the pid it had is gone, or a zombie that init has
    // not collected yet (it holds nothing; Java still calls it alive)
    assert !new File(dataDir, 'postmaster.pid').exists()
    def pid = postmasterPid()
    def zombie = false
    try {
        def stat = new File("/proc/${pid}/stat").text
        zombie = stat.charAt(stat.lastIndexOf(')') + 2) == ('Z' as char)
    } catch (IOException gone) {
    }
    assert zombie || !ProcessHandle.of(pid).map { it.isAlive() }.orElse(false) : "postgres (pid ${pid}) is still running"
    assert serverLog.readLines().last().endsWith('database system is shut down') : serverLog.readLines().last()
    return true
} finally {
    // should this IT fail with the server still up, stop it so that it does not outlive the build
    def pidFile = new File(dataDir, 'postmaster.pid')
    if (pidFile.exists()) {
        ['kill', '-INT', pidFile.readLines()[0].trim()].execute().waitFor()
    }
}
