package io.github.dynacrud.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.lambda.HttpApiHandler;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalServerTest {
    /** Echoes what the adapter extracted from the event the local server made. */
    static final class EchoHandler extends HttpApiHandler {
        EchoHandler() {
            super(Router.builder()
                    .route("POST", "/echo/{rest+}", request -> {
                        Map<String, Object> echo = new LinkedHashMap<>();
                        echo.put("method", request.method());
                        echo.put("path", request.path());
                        echo.put("rest", request.pathParameter("rest"));
                        echo.put("query", request.query());
                        echo.put("cookies", request.cookies());
                        echo.put("subject", request.principal().map(p -> p.subject()).orElse(null));
                        echo.put("scopes", request.principal().map(p -> p.scopes()).orElse(null));
                        echo.put("body", Base64.getEncoder().encodeToString(request.body()));
                        return HttpResponse.json(200, echo).withCookie("a=1; HttpOnly").withCookie("b=2");
                    })
                    .delete("/things/{id}", request -> HttpResponse.empty(204))
                    .build());
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.builder().handler(new EchoHandler()).port(0).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void request_becomesTheEventApiGatewayWouldSend() throws Exception {
        // GIVEN
        String token = "x." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"alice\",\"scope\":\"todos:read todos:write\"}".getBytes(StandardCharsets.UTF_8)) + ".sig";
        byte[] binary = {0, 1, 2, (byte) 255};

        // WHEN
        var response = http.send(HttpRequest.newBuilder(server.uri().resolve("/echo/a%20b/c?x=1&x=2&y=%C3%A9"))
                .header("Authorization", "Bearer " + token)
                .header("Cookie", "session=abc; theme=dark")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1; HttpOnly", "b=2");
        JsonNode echo = Json.mapper().readTree(response.body());
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("path").asText()).isEqualTo("/echo/a%20b/c");
        assertThat(echo.get("rest").asText()).isEqualTo("a b/c");
        assertThat(echo.get("query").toString()).isEqualTo("{\"x\":[\"1\",\"2\"],\"y\":[\"é\"]}");
        assertThat(echo.get("cookies")).isEqualTo(Json.mapper().readTree("{\"session\":\"abc\",\"theme\":\"dark\"}"));
        assertThat(echo.get("subject").asText()).isEqualTo("alice");
        assertThat(echo.get("scopes").toString()).contains("todos:read").contains("todos:write");
        assertThat(Base64.getDecoder().decode(echo.get("body").asText())).containsExactly(binary);
    }

    @Test
    void requestWithoutToken_isTheDefaultDevelopmentUser() throws Exception {
        // WHEN
        var response = http.send(HttpRequest.newBuilder(server.uri().resolve("/echo/x"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());

        // THEN
        assertThat(Json.mapper().readTree(response.body()).get("subject").asText()).isEqualTo("dev-user");
    }

    @Test
    void noContentAndErrors_passThrough() throws Exception {
        // WHEN
        var deleted = http.send(HttpRequest.newBuilder(server.uri().resolve("/things/1")).DELETE().build(),
                BodyHandlers.ofString());
        var missing = http.send(HttpRequest.newBuilder(server.uri().resolve("/nowhere")).GET().build(),
                BodyHandlers.ofString());

        // THEN
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(Json.mapper().readTree(missing.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void server_bindsTheLoopbackAddressOnly() {
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.uri().getPort()).isPositive();
    }
}
