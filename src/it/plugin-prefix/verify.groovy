def log = new File(basedir, 'build.log').text
assert log =~ /--- postkit-maven-plugin:[^:]+:status/ : 'the prefix postkit resolved to postkit-maven-plugin'
assert log.contains('postkit: this module has no postkit configuration') : 'and its status goal ran'
def metadata = new File(basedir, '../../local-repo/io/postkit/maven-metadata-local.xml')
assert metadata.text.contains('<prefix>postkit</prefix>')
return true
