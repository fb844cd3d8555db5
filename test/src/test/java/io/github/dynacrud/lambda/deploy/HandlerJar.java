package io.github.dynacrud.lambda.deploy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds a function jar as {@code maven-shade-plugin} does for a user: their classes, then every runtime dependency
 * merged in, the first copy of a duplicate kept, {@code META-INF/services} files concatenated, signatures and
 * {@code module-info.class} dropped; and installs it in a task root as Lambda does.
 */
public final class HandlerJar {
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
    private static final String SERVICES = "META-INF/services/";

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();

    private HandlerJar() {
    }

    /**
     * Packs a function.
     *
     * @param functionClasses the root of the compiled user classes
     * @param functionPackage the package of the function, such as {@code com/example/app/}; nothing else of
     *                        {@code functionClasses} is packed
     * @param classpath       the runtime dependencies: jars or class directories, in classpath order
     * @param jar             where to write the jar
     * @return the names of the duplicate entries dropped, for diagnostics
     */
    static List<String> build(Path functionClasses, String functionPackage, List<Path> classpath, Path jar)
            throws IOException {
        HandlerJar packer = new HandlerJar();
        packer.addDirectory(functionClasses, functionPackage);
        for (Path element : classpath) {
            if (Files.isDirectory(element)) {
                packer.addDirectory(element, "");
            } else {
                packer.addJar(element);
            }
        }
        packer.write(jar);
        return List.copyOf(packer.duplicates);
    }

    /**
     * Lays out a task root ({@code /var/task} on Lambda) holding the jar in {@code lib/}, as a {@code .zip}
     * deployment holds its dependencies. The runtime interface client loads {@code lib/*.jar} with the task root in
     * one class loader, so the function runs as it would from the jar unpacked in the task root, which is what Lambda
     * does with an uploaded jar, without writing its thousands of entries to disk on every run.
     *
     * @param jar      the function jar
     * @param taskRoot the directory, emptied first so that nothing of an earlier run stays on the class path
     * @throws IOException when the directory cannot be emptied or the jar copied
     */
    public static void install(Path jar, Path taskRoot) throws IOException {
        deleteRecursively(taskRoot);
        Path lib = Files.createDirectories(taskRoot.resolve("lib"));
        Files.copy(jar, lib.resolve(jar.getFileName()));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void addDirectory(Path root, String prefix) throws IOException {
        Path start = root.resolve(prefix);
        if (!Files.isDirectory(start)) {
            throw new IOException(start + " is not a directory of compiled classes");
        }
        try (Stream<Path> files = Files.walk(start)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                add(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
    }

    private void addJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (!entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        add(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    private void add(String name, byte[] content) {
        if (name.equals("META-INF/MANIFEST.MF") || name.equals("META-INF/INDEX.LIST")
                || SIGNATURE.matcher(name).matches() || name.endsWith("module-info.class")) {
            return;
        }
        if (name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
            ByteArrayOutputStream merged = services.computeIfAbsent(name, n -> new ByteArrayOutputStream());
            merged.writeBytes(content);
            merged.write('\n');
            return;
        }
        if (entries.putIfAbsent(name, content) != null) {
            duplicates.add(name);
        }
    }

    private void write(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(jar), 1 << 16);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                put(out, entry.getKey(), entry.getValue());
            }
            for (Map.Entry<String, ByteArrayOutputStream> entry : services.entrySet()) {
                put(out, entry.getKey(), entry.getValue().toByteArray());
            }
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
