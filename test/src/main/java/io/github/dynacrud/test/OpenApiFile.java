package io.github.dynacrud.test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Fetches the OpenAPI document a handler serves, through the handler itself with an API Gateway event, and writes it
 * to a file: how a build publishes {@code target/openapi.json}. Nothing is called but the handler; no AWS credentials
 * or network are needed as long as its constructor makes no request.
 *
 * <pre>{@code
 * OpenApiFile.write(new TodoHandler(table), "/openapi.json", Path.of("target/openapi.json"));
 * }</pre>
 *
 * <p>From a build, {@link #main(String[])} takes the handler class (made with its no-argument constructor, as Lambda
 * makes it), the document's path and the file.
 */
public final class OpenApiFile {
    private OpenApiFile() {
    }

    /**
     * Fetches the document a handler serves.
     *
     * @param handler      the handler
     * @param documentPath the path it serves the document at, such as {@code "/openapi.json"}
     * @return the document as served
     * @throws IllegalStateException when the handler does not answer 200 with JSON
     */
    public static String fetch(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            String documentPath) {
        APIGatewayV2HTTPResponse response = Objects.requireNonNull(handler, "handler")
                .handleRequest(HttpApiEvents.get(documentPath).build(), null);
        String contentType = HttpApiEvents.header(response, "Content-Type").orElse("none");
        if (response.getStatusCode() != 200 || !contentType.startsWith("application/json")) {
            throw new IllegalStateException("GET " + documentPath + " answered " + response.getStatusCode() + " with "
                    + contentType + ", not the OpenAPI document: does the router call openApi(\"" + documentPath
                    + "\", ...)?");
        }
        return HttpApiEvents.text(response);
    }

    /**
     * Fetches the document a handler serves and writes it, making the file's directory when needed.
     *
     * @param handler      the handler
     * @param documentPath the path it serves the document at
     * @param file         where to write it, such as {@code target/openapi.json}
     * @throws IOException when the file cannot be written
     */
    public static void write(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            String documentPath, Path file) throws IOException {
        String document = fetch(handler, documentPath);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, document);
    }

    /**
     * Writes a handler class's document: {@code <handler class> <document path> <file>}.
     *
     * @param args the handler's class name, the document's path and the file
     * @throws Exception when the handler cannot be made or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("expected <handler class> <document path> <file>, got "
                    + args.length + " arguments");
        }
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0])
                        .getDeclaredConstructor().newInstance();
        Path file = Path.of(args[2]);
        write(handler, args[1], file);
        System.out.println("OpenAPI document of " + args[0] + " written to " + file);
    }
}
