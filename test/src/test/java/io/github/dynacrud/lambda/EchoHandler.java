package io.github.dynacrud.lambda;

import io.github.dynacrud.http.CorsPolicy;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Principal;
import io.github.dynacrud.http.Router;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A handler whose every route answers with what the adapter made of the event, as JSON, so a test can assert exactly
 * what was extracted: method, base path, path, path parameters, query, headers, cookies, principal, body and request
 * id. The method is also sent in {@code X-Echo-Method}, which survives a HEAD response without a body.
 */
public class EchoHandler extends HttpApiHandler {
    /** The one origin the CORS policy allows. */
    public static final String ORIGIN = "https://app.example.com";

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    public EchoHandler() {
        super(echoRouter());
    }

    private static Router echoRouter() {
        Router.Builder router = Router.builder()
                .cors(CorsPolicy.builder().allowedOrigins(ORIGIN).allowCredentials().build());
        for (String method : METHODS) {
            router.route(method, "/", EchoHandler::echo);
            router.route(method, "/{path+}", EchoHandler::echo);
        }
        return router.build();
    }

    static HttpResponse echo(HttpRequest request) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", request.method());
        echo.put("basePath", request.basePath());
        echo.put("path", request.path());
        echo.put("pathParameters", request.pathParameters());
        echo.put("query", request.query());
        echo.put("headers", request.headers().asMap());
        echo.put("contentType", request.header("Content-Type").orElse(null));
        echo.put("userAgent", request.header("USER-AGENT").orElse(null));
        echo.put("cookies", request.cookies());
        echo.put("principal", request.principal().map(EchoHandler::principal).orElse(null));
        echo.put("body", request.bodyText());
        echo.put("bodyBase64", Base64.getEncoder().encodeToString(request.body()));
        echo.put("requestId", request.requestId());
        return HttpResponse.json(200, echo).withHeader("X-Echo-Method", request.method());
    }

    private static Map<String, Object> principal(Principal principal) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("subject", principal.subject());
        echo.put("claims", new java.util.TreeMap<>(principal.claims()));
        echo.put("scopes", principal.scopes().stream().sorted().toList());
        return echo;
    }
}
