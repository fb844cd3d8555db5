package io.github.dynacrud.releasecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Builds the bundle a release uploads to Maven Central's portal, signed with a key made for this run, and checks it
 * against the portal's rules: every artifact signed and check-summed with sources and javadoc, every POM complete,
 * no SNAPSHOT, nothing that is not published.
 */
class ReleaseBundleIT {
    /** What a release publishes; the examples, benchmarks and this check are never part of it. */
    private static final List<String> PUBLISHED = List.of("dynacrud-archetype", "dynacrud-bom", "dynacrud-core",
            "dynacrud-lambda-adapter", "dynacrud-lambda-logging", "dynacrud-local", "dynacrud-parent",
            "dynacrud-test");
    /** Published as POMs only. */
    private static final List<String> POM_ONLY = List.of("dynacrud-bom", "dynacrud-parent");
    private static final String SNAPSHOT_VERSION = System.getProperty("dynacrud.release.version", "0.1.0-SNAPSHOT");
    private static final String VERSION = ReleaseBuild.releaseVersion(SNAPSHOT_VERSION);

    /** The bundle's files by artifact id: {@code io/github/dynacrud/<artifactId>/<version>/<file>}. */
    private static Map<String, Path> artifacts;
    private static ThrowawayGpg gpg;

    @BeforeAll
    static void buildTheBundle() throws Exception {
        Path work = Path.of(System.getProperty("dynacrud.release.work", "target/release-check")).toAbsolutePath();
        gpg = ThrowawayGpg.create();
        Path bundle = ReleaseBuild.bundle(Path.of(System.getProperty("dynacrud.release.root", "..")).toAbsolutePath()
                        .normalize(), SNAPSHOT_VERSION, work,
                Path.of(System.getProperty("dynacrud.release.localRepository",
                        System.getProperty("user.home") + "/.m2/repository")), gpg.home());
        Path unpacked = work.resolve("bundle");
        ReleaseBuild.delete(unpacked);
        unzip(bundle, unpacked);
        artifacts = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(unpacked.resolve("io/github/dynacrud"))) {
            dirs.forEach(dir -> artifacts.put(dir.getFileName().toString(), dir.resolve(VERSION)));
        }
    }

    @AfterAll
    static void dropTheKey() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void bundle_holdsThePublishedArtifactsOnly_atTheReleaseVersion() {
        assertThat(artifacts.keySet()).containsExactlyElementsOf(PUBLISHED);
        artifacts.values().forEach(dir -> assertThat(dir).isDirectory());
    }

    @Test
    void everyJarArtifact_hasItsPomJarSourcesAndJavadoc() {
        artifacts.forEach((artifactId, dir) -> {
            String base = artifactId + "-" + VERSION;
            assertThat(dir.resolve(base + ".pom")).as(artifactId).isRegularFile();
            if (!POM_ONLY.contains(artifactId)) {
                assertThat(dir.resolve(base + ".jar")).as(artifactId).isRegularFile();
                assertThat(dir.resolve(base + "-sources.jar")).as(artifactId).isRegularFile();
                assertThat(dir.resolve(base + "-javadoc.jar")).as(artifactId).isRegularFile();
            }
        });
    }

    @Test
    void everyFile_hasAGoodSignatureAndTrueChecksums() throws Exception {
        for (Path file : publishedFiles()) {
            Path signature = file.resolveSibling(file.getFileName() + ".asc");
            assertThat(signature).as("signature of " + file.getFileName()).isRegularFile();
            assertThat(gpg.verifies(signature, file)).as("signature of " + file.getFileName()).isTrue();
            assertThat(checksum(file, ".md5")).as("MD5 of " + file.getFileName()).isEqualTo(digest("MD5", file));
            assertThat(checksum(file, ".sha1")).as("SHA-1 of " + file.getFileName()).isEqualTo(digest("SHA-1", file));
        }
    }

    @Test
    void everyPom_hasTheMetadataCentralRequires_ownOrFromItsParent() throws Exception {
        Document parent = pom("dynacrud-parent");
        for (String artifactId : PUBLISHED) {
            Document pom = pom(artifactId);
            assertThat(text(pom, "name").orElse("")).as(artifactId + " name").isNotBlank();
            assertThat(text(pom, "description").orElse("")).as(artifactId + " description").isNotBlank();
            for (String inherited : List.of("url", "licenses/license/name", "licenses/license/url",
                    "developers/developer/name", "scm/url", "scm/connection")) {
                String value = text(pom, inherited).or(() -> inheritsFrom(pom, parent) ? text(parent, inherited)
                        : Optional.empty()).orElse("");
                assertThat(value).as(artifactId + " " + inherited).isNotBlank();
            }
        }
    }

    @Test
    void noPom_namesASnapshot() throws Exception {
        for (String artifactId : PUBLISHED) {
            String pom = Files.readString(artifacts.get(artifactId).resolve(artifactId + "-" + VERSION + ".pom"));
            assertThat(pom).as(artifactId).doesNotContain("-SNAPSHOT").contains("<version>" + VERSION + "</version>");
        }
    }

    @Test
    void archetype_generatesProjectsOnTheReleasedBom() throws Exception {
        // GIVEN
        Path jar = artifacts.get("dynacrud-archetype").resolve("dynacrud-archetype-" + VERSION + ".jar");

        // WHEN
        String generatedPom;
        try (ZipFile archetype = new ZipFile(jar.toFile())) {
            assertThat(archetype.getEntry("META-INF/maven/archetype-metadata.xml")).isNotNull();
            ZipEntry pom = archetype.getEntry("archetype-resources/pom.xml");
            generatedPom = new String(archetype.getInputStream(pom).readAllBytes(), StandardCharsets.UTF_8);
        }

        // THEN
        assertThat(generatedPom).contains("<dynacrud.version>" + VERSION + "</dynacrud.version>")
                .doesNotContain("SNAPSHOT").doesNotContain("@");
    }

    private static List<Path> publishedFiles() throws IOException {
        try (Stream<Path> files = artifacts.values().stream().flatMap(ReleaseBundleIT::list)) {
            return files.filter(f -> f.toString().endsWith(".jar") || f.toString().endsWith(".pom")).toList();
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The checksum a bundle file holds: the hex digest, possibly followed by the file name. */
    private static String checksum(Path file, String extension) throws IOException {
        return Files.readString(file.resolveSibling(file.getFileName() + extension)).trim().split("\\s+")[0];
    }

    private static String digest(String algorithm, Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    }

    private static Document pom(String artifactId) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(artifacts.get(artifactId).resolve(artifactId + "-" + VERSION + ".pom").toFile());
    }

    private static boolean inheritsFrom(Document pom, Document parent) {
        return text(pom, "parent/artifactId").equals(text(parent, "artifactId"));
    }

    /** The text of a path of child elements from the project element, such as {@code scm/url}. */
    private static Optional<String> text(Document pom, String path) {
        Element element = pom.getDocumentElement();
        for (String name : path.split("/")) {
            element = child(element, name);
            if (element == null) {
                return Optional.empty();
            }
        }
        return Optional.of(element.getTextContent().trim());
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the bundle: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
    }
}
