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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in docs/ and the README honest. Every Java block carries a marker:
 * <ul>
 *   <li>{@code <!-- snippet: name -->}: the block equals the region between {@code // tag::name[]} and
 *       {@code // end::name[]} in the sources of any module, indentation aside;</li>
 *   <li>{@code <!-- file: path -->}: the block equals a whole file of the repository, such as a file of the project
 *       dynacrud-archetype generates, with the archetype's properties set as in docs/getting-started.md;</li>
 *   <li>{@code <!-- imports -->}: the block lists imports, each one made by the source of a snippet on the page.</li>
 * </ul>
 * A block in any language marked {@code <!-- excerpt: path -->} is a run of whole lines of that file, indentation aside.
 * And every snippet shows its imports: each type it uses that its source imports is imported on its page.
 */
class DocSnippetsTest {
    private static final Path DOCS = Path.of("..", "docs");
    /** The repository root: every module's test sources may hold tagged regions. */
    private static final Path ROOT = Path.of("..");
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".mvn", "node_modules");
    private static final Pattern JAVA_BLOCK = Pattern.compile(
            "(?:<!-- (snippet|file|imports)(?:: ([\\w./-]+))? -->\\s*\\n)?```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern EXCERPT = Pattern.compile(
            "<!-- excerpt: ([\\w./-]+) -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile(
            "// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|record|interface|enum) (\\w+)");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+);$", Pattern.MULTILINE);
    /** The properties docs/getting-started.md generates its project with, as the archetype's templates name them. */
    private static final Map<String, String> ARCHETYPE_PROPERTIES = Map.of(
            "${groupId}", "com.example", "${artifactId}", "tasks-api", "${package}", "com.example.tasks");

    /** A fenced Java block of a page and its marker. */
    private record Block(Path page, String kind, String name, String code) {
    }

    /** A tagged region of a source file. */
    private record Region(Path file, String code) {
    }

    @Test
    void everyDocSnippet_matchesItsCompiledSource() throws IOException {
        // GIVEN
        Map<String, Region> sources = taggedRegions();
        List<Block> snippets = blocks("snippet");

        // WHEN / THEN
        assertThat(snippets).as("snippets in docs/").isNotEmpty();
        assertThat(snippets.stream().map(Block::name)).as("snippet names").doesNotHaveDuplicates();
        snippets.forEach(snippet -> {
            assertThat(sources).as("source region tagged '%s'", snippet.name()).containsKey(snippet.name());
            assertThat(snippet.code()).as("snippet '%s' in docs/ drifted from its test source", snippet.name())
                    .isEqualTo(sources.get(snippet.name()).code());
        });
    }

    @Test
    void everyFileBlock_equalsTheFileItNames() throws IOException {
        List<Block> blocks = blocks("file");
        assertThat(blocks).as("whole-file blocks in docs/").isNotEmpty();
        for (Block block : blocks) {
            assertThat(block.code()).as("block of %s in %s", block.name(), block.page())
                    .isEqualTo(fileText(block.name()));
        }
    }

    @Test
    void everyExcerpt_isARunOfLinesOfTheFileItNames() throws IOException {
        int excerpts = 0;
        try (Stream<Path> files = Stream.concat(Files.list(DOCS), Stream.of(ROOT.resolve("README.md")))) {
            for (Path page : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = EXCERPT.matcher(Files.readString(page).replace("\r\n", "\n"));
                while (m.find()) {
                    excerpts++;
                    assertThat(isExcerpt(outdent(m.group(2)), fileText(m.group(1))))
                            .as("excerpt of %s in %s is in that file", m.group(1), page).isTrue();
                }
            }
        }
        assertThat(excerpts).as("excerpts in docs/").isPositive();
    }

    @Test
    void isExcerpt_matchesWholeLinesInOrderOnly() {
        String file = "<a>\n  <b>1</b>\n  <c/>\n</a>";
        assertThat(isExcerpt("<b>1</b>\n<c/>", file)).isTrue();
        assertThat(isExcerpt("<c/>\n<b>1</b>", file)).isFalse();
        assertThat(isExcerpt("<b>1", file)).isFalse();
    }

    /** A repository file's text, with the archetype's properties set as docs/getting-started.md sets them. */
    private static String fileText(String path) throws IOException {
        Path file = ROOT.resolve(path);
        assertThat(file).as("file a block in docs/ names").isRegularFile();
        String text = Files.readString(file).replace("\r\n", "\n").stripTrailing();
        for (Map.Entry<String, String> property : ARCHETYPE_PROPERTIES.entrySet()) {
            text = text.replace(property.getKey(), property.getValue());
        }
        return text;
    }

    /** Whether the lines of an outdented excerpt follow one another somewhere in a text, indentation aside. */
    static boolean isExcerpt(String excerpt, String text) {
        List<String> lines = List.of(text.split("\n", -1));
        int length = excerpt.split("\n", -1).length;
        for (int start = 0; start + length <= lines.size(); start++) {
            if (outdent(String.join("\n", lines.subList(start, start + length))).equals(excerpt)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyJavaBlock_isCheckedAgainstCode() throws IOException {
        assertThat(blocks(null)).as("Java blocks without a snippet, file or imports marker").isEmpty();
    }

    @Test
    void everySnippet_showsTheImportsOfTheTypesItUses() throws IOException {
        // GIVEN
        Map<String, Region> sources = taggedRegions();

        // WHEN
        List<String> missing = new ArrayList<>();
        for (Block snippet : blocks("snippet")) {
            Set<String> shown = importsShownOn(snippet.page());
            Set<String> declared = typesDeclaredOn(snippet.page());
            Set<String> used = words(withoutCommentsAndStrings(snippet.code()));
            for (String imported : imports(Files.readString(sources.get(snippet.name()).file()))) {
                String name = simpleName(imported);
                if (used.contains(name) && !declared.contains(name) && !shown.contains(imported)) {
                    missing.add(snippet.page().getFileName() + " " + snippet.name() + ": import " + imported + ";");
                }
            }
        }

        // THEN
        assertThat(missing).as("imports a snippet needs but its page does not show").isEmpty();
    }

    @Test
    void everyImportsBlock_importsWhatTheSnippetsOfItsPageImport() throws IOException {
        // GIVEN
        Map<String, Region> sources = taggedRegions();

        // WHEN / THEN
        for (Block block : blocks("imports")) {
            Set<String> made = new TreeSet<>();
            for (Block snippet : blocks("snippet")) {
                if (snippet.page().equals(block.page())) {
                    made.addAll(imports(Files.readString(sources.get(snippet.name()).file())));
                }
            }
            assertThat(block.code().lines().filter(l -> !l.isBlank()).toList()).as("imports block in %s", block.page())
                    .allSatisfy(line -> assertThat(IMPORT.matcher(line).matches()).as(line).isTrue())
                    .allSatisfy(line -> assertThat(made).as(line).contains(importedName(line)));
        }
    }

    @Test
    void outdent_removesTheCommonIndentationOnly() {
        assertThat(outdent("    a\n      b\n\n    c")).isEqualTo("a\n  b\n\nc");
    }

    @Test
    void withoutCommentsAndStrings_keepsOnlyCode() {
        assertThat(withoutCommentsAndStrings("a(\"Query\"); // Page\n/** Scope */ b")).isEqualTo("a(); \n b");
    }

    /** The Java blocks of the README and docs/ with the given marker kind, or without a marker for {@code null}. */
    private static List<Block> blocks(String kind) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(DOCS), Stream.of(ROOT.resolve("README.md")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = JAVA_BLOCK.matcher(Files.readString(file).replace("\r\n", "\n"));
                while (m.find()) {
                    if (kind == null ? m.group(1) == null : kind.equals(m.group(1))) {
                        blocks.add(new Block(file, m.group(1), m.group(2), outdent(m.group(3))));
                    }
                }
            }
        }
        return blocks;
    }

    /** Everything a page's Java blocks import, as qualified names ({@code static} ones by their member). */
    private static Set<String> importsShownOn(Path page) throws IOException {
        Set<String> shown = new TreeSet<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(page).replace("\r\n", "\n"));
        while (m.find()) {
            shown.addAll(imports(m.group(3)));
        }
        return shown;
    }

    /** The types a page's Java blocks declare: a snippet may use them without an import. */
    private static Set<String> typesDeclaredOn(Path page) throws IOException {
        Set<String> declared = new TreeSet<>();
        Matcher m = DECLARATION.matcher(Files.readString(page));
        while (m.find()) {
            declared.add(m.group(1));
        }
        return declared;
    }

    private static Set<String> imports(String code) {
        Set<String> imports = new TreeSet<>();
        Matcher m = IMPORT.matcher(code.replace("\r\n", "\n"));
        while (m.find()) {
            imports.add(m.group(2));
        }
        return imports;
    }

    private static String importedName(String importLine) {
        Matcher m = IMPORT.matcher(importLine);
        return m.matches() ? m.group(2) : importLine;
    }

    private static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    private static Set<String> words(String code) {
        return new TreeSet<>(List.of(code.split("\\W+")));
    }

    /** The code without comments and string literals, whose words are no use of a type. */
    static String withoutCommentsAndStrings(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                .replaceAll("(?s)\"\"\".*?\"\"\"", "").replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "");
    }

    private static Map<String, Region> taggedRegions() throws IOException {
        Map<String, Region> regions = new LinkedHashMap<>();
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
                        regions.put(m.group(1), new Region(file, outdent(m.group(2))));
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
