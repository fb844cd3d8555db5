// An archetype does not keep file modes: the wrapper script must be executable for the README's ./mvnw commands.
def project = new File(request.outputDirectory, request.artifactId)
new File(project, 'mvnw').setExecutable(true, false)
