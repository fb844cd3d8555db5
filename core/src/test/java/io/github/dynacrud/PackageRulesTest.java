package io.github.dynacrud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the published artifacts, read from every {@code src/<set>/java} folder but {@code src/test}
 * (so {@code local}'s {@code src/dynamodb-local/java} too): no package cycle, and no artifact but
 * core uses core's {@code internal} packages (other artifacts go through the public API and {@code spi}).
 */
class PackageRulesTest {
    /** The published artifacts' directories, from core's directory. */
    private static final List<Path> MODULES = List.of(Path.of("."), Path.of("..", "lambda-adapter"),
            Path.of("..", "lambda-logging"), Path.of("..", "test"), Path.of("..", "local"));
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package (io\\.github\\.dynacrud[\\w.]*);");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?(io\\.github\\.dynacrud[\\w.]*?)"
            + "\\.[A-Z]");
    private static final Set<String> CORE_INTERNAL = Set.of("io.github.dynacrud.internal",
            "io.github.dynacrud.http.internal");

    @Test
    void packages_ofThePublishedArtifacts_formNoCycle() {
        // GIVEN
        Map<String, Set<String>> uses = new TreeMap<>();
        MODULES.forEach(module -> sources(module).forEach(file -> {
            String text = read(file);
            String from = packageOf(text);
            Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
            importedPackages(text).stream().filter(to -> !to.equals(from)).forEach(targets::add);
        }));

        // WHEN
        List<List<String>> cycles = cycles(uses);

        // THEN
        assertThat(uses).containsKeys("io.github.dynacrud.table", "io.github.dynacrud.internal",
                "io.github.dynacrud.http", "io.github.dynacrud.http.internal", "io.github.dynacrud.lambda");
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void otherArtifacts_useNoInternalPackageOfCore() {
        // GIVEN
        List<String> offending = new ArrayList<>();

        // WHEN
        MODULES.stream().skip(1).forEach(module -> sources(module).forEach(file -> {
            importedPackages(read(file)).stream().filter(CORE_INTERNAL::contains)
                    .forEach(used -> offending.add(file + " imports " + used));
        }));

        // THEN
        assertThat(offending).isEmpty();
    }

    @Test
    void sources_ofThePublishedArtifacts_spanEverySourceSetButTests() {
        // WHEN
        List<String> files = MODULES.stream().flatMap(module -> sources(module).stream())
                .map(file -> file.normalize().toString().replace('\\', '/')).toList();

        // THEN
        assertThat(files).anyMatch(file -> file.endsWith("local/src/dynamodb-local/java/io/github/dynacrud/local/"
                + "LocalTable.java"));
        assertThat(files).anyMatch(file -> file.contains("lambda-logging/src/main/java/"));
        assertThat(files).anyMatch(file -> file.startsWith("src/main/java/io/github/dynacrud/"));
        assertThat(files).noneMatch(file -> file.contains("src/test/"));
    }

    @Test
    void cycleSearch_findsACycleOfThree() {
        // GIVEN
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"),
                "d", Set.of());

        // WHEN
        List<List<String>> cycles = cycles(uses);

        // THEN
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0)).containsExactlyInAnyOrder("a", "b", "c");
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm). */
    private static List<List<String>> cycles(Map<String, Set<String>> uses) {
        Tarjan tarjan = new Tarjan(uses);
        new TreeSet<>(uses.keySet()).forEach(node -> {
            if (!tarjan.index.containsKey(node)) {
                tarjan.visit(node);
            }
        });
        return tarjan.components.stream().filter(component -> component.size() > 1).toList();
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> uses;
        private final Map<String, Integer> index = new TreeMap<>();
        private final Map<String, Integer> low = new TreeMap<>();
        private final List<String> stack = new ArrayList<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<List<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> uses) {
            this.uses = uses;
        }

        void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.add(node);
            onStack.add(node);
            for (String next : uses.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                List<String> component = new ArrayList<>();
                String member;
                do {
                    member = stack.remove(stack.size() - 1);
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                components.add(component);
            }
        }
    }

    /** The Java sources of a module that ship: every {@code src/<set>/java} folder except {@code src/test}'s. */
    private static List<Path> sources(Path module) {
        try (Stream<Path> sets = Files.list(module.resolve("src"))) {
            return sets.filter(set -> !set.getFileName().toString().equals("test"))
                    .map(set -> set.resolve("java")).filter(Files::isDirectory)
                    .flatMap(PackageRulesTest::javaFiles).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(String source) {
        Matcher matcher = PACKAGE.matcher(source);
        assertThat(matcher.find()).as("a package declaration").isTrue();
        return matcher.group(1);
    }

    private static Set<String> importedPackages(String source) {
        Set<String> packages = new TreeSet<>();
        Matcher matcher = IMPORT.matcher(source);
        while (matcher.find()) {
            packages.add(matcher.group(1));
        }
        return packages;
    }
}
