package io.github.dynacrud.releasecheck;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs what a maintainer runs to release, {@code ./mvnw -Prelease deploy}, on a copy of the project set to the release
 * version, with {@code -DskipUpload=true} so the bundle is built and never sent. Every artifact it installs goes to a
 * local repository of its own; the shared one is only read.
 */
final class ReleaseBuild {
    /** Build output and tool folders: never part of a release's sources. */
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".idea", ".vscode");

    private ReleaseBuild() {
    }

    /**
     * Copies the project, sets the release version and builds the bundle.
     *
     * @param root            the project to release
     * @param snapshotVersion its version, such as {@code 0.1.0-SNAPSHOT}
     * @param work            a directory for the copy, the isolated repository and the log
     * @param sharedRepository the local repository to read already downloaded artifacts from
     * @param gnupgHome       the GnuPG home whose key signs
     * @return the bundle
     */
    static Path bundle(Path root, String snapshotVersion, Path work, Path sharedRepository, Path gnupgHome)
            throws IOException, InterruptedException {
        Path copy = work.resolve("project");
        delete(copy);
        copyProject(root, copy);
        setVersion(copy, snapshotVersion, releaseVersion(snapshotVersion));
        Path log = work.resolve("release-build.log");
        ProcessBuilder maven = new ProcessBuilder(copy.resolve("mvnw").toString(), "-B", "-Prelease", "deploy",
                "-DskipTests", "-DskipUpload=true", "-pl", "!release-check",
                "-Dmaven.repo.local=" + work.resolve("repository"),
                "-Dmaven.repo.local.tail=" + sharedRepository)
                .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        maven.environment().put("GNUPGHOME", gnupgHome.toString());
        Process process = maven.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the release build did not finish in 10 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the release build failed; see " + log);
        }
        try (Stream<Path> files = Files.walk(copy)) {
            List<Path> bundles = files.filter(f -> f.getFileName().toString().equals("central-bundle.zip")
                    && f.getParent().getFileName().toString().equals("central-publishing")).toList();
            if (bundles.size() != 1) {
                throw new IllegalStateException("expected one central-bundle.zip, found " + bundles + "; see " + log);
            }
            return bundles.get(0);
        }
    }

    /** The version a release of a snapshot has: {@code 0.1.0-SNAPSHOT} is released as {@code 0.1.0}. */
    static String releaseVersion(String snapshotVersion) {
        if (!snapshotVersion.endsWith("-SNAPSHOT")) {
            throw new IllegalArgumentException("not a snapshot version: " + snapshotVersion);
        }
        return snapshotVersion.substring(0, snapshotVersion.length() - "-SNAPSHOT".length());
    }

    /** What {@code versions:set -DprocessAllModules} does in docs/releasing.md: every POM names the new version. */
    private static void setVersion(Path copy, String from, String to) throws IOException {
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path pom : files.filter(f -> f.getFileName().toString().equals("pom.xml")).toList()) {
                Files.writeString(pom, Files.readString(pom)
                        .replace("<version>" + from + "</version>", "<version>" + to + "</version>"));
            }
        }
    }

    private static void copyProject(Path root, Path copy) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(copy.resolve(root.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, copy.resolve(root.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a directory and everything in it, if it exists; files that vanish meanwhile (sockets) are fine. */
    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
