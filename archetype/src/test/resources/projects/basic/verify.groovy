// After the generated project's build: what its README promises beyond the build itself.
def project = new File(basedir, 'project/tasks-api')
assert new File(project, 'mvnw').canExecute() : 'mvnw is not executable, so ./mvnw fails as the README writes it'
assert new File(project, '.gitignore').text.contains('target/')
assert new File(project, '.mvn/wrapper/maven-wrapper.properties').text.contains('distributionUrl=')
assert new File(project, 'target/function.jar').isFile()
def template = new File(project, 'template.yaml').text
assert template.contains('Handler: com.example.tasks.TaskHandler::handleRequest')
assert template.contains('CodeUri: target/function.jar')
assert template.contains('!Sub "https://${TaskApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"')

// The README's first command, as written: ./mvnw test-compile -Prun serves the API (on a free port here).
def itRepository = new File(basedir, '../../../it-repository').canonicalPath
def sharedRepository = System.getProperty('maven.repo.local') ?: "${System.getProperty('user.home')}/.m2/repository"
def log = new File(project, 'target/run.log')
def run = new ProcessBuilder('./mvnw', '-B', 'test-compile', '-Prun', '-Dtasks.port=0',
        "-Dmaven.repo.local=$itRepository", "-Dmaven.repo.local.tail=$sharedRepository")
        .directory(project).redirectErrorStream(true).redirectOutput(log).start()
try {
    def url = null
    for (int i = 0; i < 240 && url == null && run.alive; i++) {
        url = (log.text =~ /Tasks API on (http:\/\/127\.0\.0\.1:\d+)/).with { it.find() ? it.group(1) : null }
        if (url == null) {
            sleep 500
        }
    }
    assert url != null : "./mvnw test-compile -Prun did not start the API; see $log"
    def post = new URL("$url/tasks").openConnection()
    post.requestMethod = 'POST'
    post.doOutput = true
    post.setRequestProperty('Content-Type', 'application/json')
    post.outputStream.withWriter { it << '{"title": "Ship it"}' }
    assert post.responseCode == 201
    assert post.getHeaderField('Location') ==~ /\/tasks\/[0-9A-Z]{26}/
    assert post.inputStream.text.contains('"title":"Ship it"')
} finally {
    run.descendants().forEach { it.destroy() }
    run.destroy()
    run.waitFor()
}
return true
