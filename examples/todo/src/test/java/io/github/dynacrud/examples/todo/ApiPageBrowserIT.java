package io.github.dynacrud.examples.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.local.LocalApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The local API page as a developer sees it: headless Chromium loads {@code /docs} from the todo API's local server,
 * Swagger UI fetches the document from the function and renders it, and every operation of the document is listed.
 * Skipped, with a message saying so, where Debian's {@code chromium} is not installed.
 */
class ApiPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** One operation as Swagger UI renders it: its method, then its path. */
    private static final Pattern OPERATION = Pattern.compile(
            "class=\"opblock-summary-method\"[^>]*>([A-Z]+)</span>.*?class=\"opblock-summary-path\" data-path=\"([^\"]+)\"",
            Pattern.DOTALL);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    @Test
    void apiPage_inChromium_listsEveryOperationOfTheDocument() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (Debian's chromium package): the API page's browser test is skipped");
        try (LocalApi api = TodoLocal.start(0, null)) {
            // GIVEN the operations of the document the function serves
            JsonNode document = Json.mapper().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(api.uri().resolve("/openapi.json")).build(), BodyHandlers.ofString()).body());
            Set<String> operations = new TreeSet<>();
            document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
                if (METHODS.contains(method.getKey())) {
                    operations.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));

            // WHEN Chromium renders the API page
            String dom = renderedDom(api.apiPage().orElseThrow());

            // THEN Swagger UI shows the API's title and lists exactly those operations
            assertThat(dom).contains(document.path("info").path("title").asText());
            Set<String> listed = new TreeSet<>();
            Matcher operation = OPERATION.matcher(dom);
            while (operation.find()) {
                listed.add(operation.group(1) + " " + operation.group(2));
            }
            assertThat(operations).isNotEmpty();
            assertThat(listed).as("operations on the API page").isEqualTo(operations);
        }
    }

    /** The page's DOM once its scripts ran: Chromium in a fresh profile, stopped whatever happens. */
    private static String renderedDom(URI page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("api-page-chromium");
        Process chromium = null;
        try {
            chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--virtual-time-budget=20000", "--dump-dom", page.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] dom = chromium.getInputStream().readAllBytes();
            assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("Chromium exited").isTrue();
            assertThat(chromium.exitValue()).as("Chromium's exit code").isZero();
            return new String(dom, StandardCharsets.UTF_8);
        } finally {
            if (chromium != null) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
