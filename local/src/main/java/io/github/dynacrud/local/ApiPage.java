package io.github.dynacrud.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The local API page at {@value #PATH}: Swagger UI from its webjar, loading the document the handler serves. Only the
 * local server serves it; a function's jar never holds the webjar.
 */
final class ApiPage {
    /** Where the page is served; its assets are below it. */
    static final String PATH = "/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    /** An asset's name: one path segment, no dot first, so nothing outside the webjar's folder can be named. */
    private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8", "map", "application/json");

    private final byte[] page;
    private final String assets;

    ApiPage(String documentPath) {
        this.page = resource("io/github/dynacrud/local/api-page.html", "the API page")
                .replace("DOCUMENT_URL", jsString(documentPath)).getBytes(StandardCharsets.UTF_8);
        this.assets = WEBJAR + webjarVersion() + "/";
    }

    /** @return whether a request path is the page's or one of its assets' */
    static boolean owns(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /** Answers a request for the page or an asset: 200, 404 for an unknown asset, 405 for a method but GET or HEAD. */
    void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            LocalServer.send(exchange, 405, Map.of("content-type", "text/plain; charset=utf-8"),
                    "the API page answers GET and HEAD only".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        String name = path.length() <= PATH.length() + 1 ? "" : path.substring(PATH.length() + 1);
        if (name.isEmpty()) {
            LocalServer.send(exchange, 200, Map.of("content-type", "text/html; charset=utf-8",
                    "cache-control", "no-store"), page);
            return;
        }
        byte[] asset = ASSET.matcher(name).matches() ? asset(name) : null;
        if (asset == null) {
            LocalServer.send(exchange, 404, Map.of("content-type", "text/plain; charset=utf-8"),
                    ("no API page asset " + PATH + "/" + name).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        LocalServer.send(exchange, 200, Map.of("content-type", TYPES.getOrDefault(extension, "application/octet-stream"),
                "x-content-type-options", "nosniff"), asset);
    }

    private byte[] asset(String name) throws IOException {
        try (InputStream in = ApiPage.class.getClassLoader().getResourceAsStream(assets + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiPage.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the API page needs org.webjars:swagger-ui on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the swagger-ui webjar's version could not be read", e);
        }
        return properties.getProperty("version");
    }

    private static String resource(String name, String what) {
        try (InputStream in = ApiPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(what + " is missing from dynacrud-local's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be read", e);
        }
    }

    /** A path as a JavaScript string literal that cannot end the script element. */
    private static String jsString(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c < 0x20) {
                literal.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }
}
