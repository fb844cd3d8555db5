package io.github.dynacrud.http;

import java.util.Objects;

/**
 * The OpenAPI 3.1 document of a router, generated from what the router knows: every route and method, each
 * resource's entity as JSON Schema 2020-12 with its Bean Validation constraints, parameters, headers, problem
 * responses and security. Custom routes say what they do with {@link Described}; nothing is guessed from a handler.
 * Serve it with {@link Router.Builder#openApi(String, Info)}, or write it at build time.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .resource("/todos", todos)
 *         .openApi("/openapi.json", OpenApi.Info.of("Todo API", "1.0.0"))
 *         .build();
 * String document = OpenApi.document(router, OpenApi.Info.of("Todo API", "1.0.0"));
 * }</pre>
 */
public final class OpenApi {
    private OpenApi() {
    }

    /**
     * What the document says of the API itself: its {@code info} object.
     *
     * @param title   the API's name, such as {@code "Todo API"}
     * @param version the API's version (not the OpenAPI version), such as {@code "1.0.0"}
     */
    public record Info(String title, String version) {
        /** Checks that both parts are given and not blank. */
        public Info {
            if (Objects.requireNonNull(title, "title").isBlank()) {
                throw new IllegalArgumentException("the API's title must not be blank");
            }
            if (Objects.requireNonNull(version, "version").isBlank()) {
                throw new IllegalArgumentException("the API's version must not be blank");
            }
        }

        /**
         * Names an API.
         *
         * @param title   the API's name
         * @param version the API's version
         * @return the info
         */
        public static Info of(String title, String version) {
            return new Info(title, version);
        }
    }

    /**
     * Generates the OpenAPI 3.1 document of a router.
     *
     * @param router the router
     * @param info   the API's title and version
     * @return the document as JSON
     * @throws IllegalArgumentException naming the routes when two declare one operation id, or a route's method has no
     *                                  field in an OpenAPI 3.1 path item
     */
    public static String document(Router router, Info info) {
        return OpenApiDocument.write(Objects.requireNonNull(router, "router"), Objects.requireNonNull(info, "info"));
    }
}
