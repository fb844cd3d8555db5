package io.github.dynacrud.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in docs/ and the README honest: every block marked {@code <!-- snippet: name -->} must equal the
 * region between {@code // tag::name[]} and {@code // end::name[]} in the sources of any module, indentation aside.
 */
class DocSnippetsTest {
    private static final Path DOCS = Path.of("..", "docs");
    /** The repository root: every module's test sources may hold tagged regions. */
    private static final Path ROOT = Path.of("..");
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".mvn", "node_modules");
    private static final Pattern MARKER = Pattern.compile(
            "<!-- snippet: ([\\w-]+) -->\\s*\\n```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile(
            "// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL);

    @Test
    void everyDocSnippet_matchesItsCompiledSource() throws IOException {
        // GIVEN
        Map<String, String> sources = taggedRegions();
        Map<String, String> snippets = docSnippets();

        // WHEN / THEN
        assertThat(snippets).as("snippets in docs/").isNotEmpty();
        snippets.forEach((name, code) -> {
            assertThat(sources).as("source region tagged '%s'", name).containsKey(name);
            assertThat(code).as("snippet '%s' in docs/ drifted from its test source", name)
                    .isEqualTo(sources.get(name));
        });
    }

    @Test
    void outdent_removesTheCommonIndentationOnly() {
        assertThat(outdent("    a\n      b\n\n    c")).isEqualTo("a\n  b\n\nc");
    }

    private static Map<String, String> docSnippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        try (Stream<Path> files = Stream.concat(Files.list(DOCS), Stream.of(ROOT.resolve("README.md")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = MARKER.matcher(Files.readString(file).replace("\r\n", "\n"));
                while (m.find()) {
                    assertThat(snippets).as("snippet '%s' used twice", m.group(1)).doesNotContainKey(m.group(1));
                    snippets.put(m.group(1), outdent(m.group(2)));
                }
            }
        }
        return snippets;
    }

    private static Map<String, String> taggedRegions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                // Build output and tool folders hold no sources, and target/ holds thousands of files.
                return SKIPPED.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (file.toString().endsWith(".java")) {
                    Matcher m = TAG.matcher(Files.readString(file).replace("\r\n", "\n"));
                    while (m.find()) {
                        regions.put(m.group(1), outdent(m.group(2)));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return regions;
    }

    static String outdent(String code) {
        List<String> lines = new ArrayList<>(List.of(code.split("\n", -1)));
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
