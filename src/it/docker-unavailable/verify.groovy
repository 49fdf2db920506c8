def log = new File(basedir, 'build.log').text
assert log.contains('The docker local provider needs a Docker engine, and no Docker engine is reachable. Use the'
        + ' embedded provider, which needs none: remove <local><provider>docker</provider>')
assert log.contains("Unknown local provider 'podman': use embedded or docker")
assert !(log =~ /(?m)^\s+at io\.postkit\./) : 'no stack traces'
assert !new File(basedir, '.postkit/local').exists() : 'no local server was made'
return true
