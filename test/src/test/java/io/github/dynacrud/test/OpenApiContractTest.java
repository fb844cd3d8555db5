package io.github.dynacrud.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String TODO = "{\"id\": \"t1\", \"title\": \"Buy milk\", \"dueDate\": \"2026-12-01\", \"tags\": [\"home\"]}";

    private final String fixture = fixture();
    private final OpenApiContract contract = OpenApiContract.of(fixture);

    @Test
    void check_concretePathUnderATemplate_validatesItsBodyThroughComponentRefs() {
        // WHEN / THEN a body that matches passes, and one that breaks a referenced schema is reported with where
        assertThatCode(() -> contract.check("GET", "/todos/t1", 200, JSON + "; charset=utf-8", TODO))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", "/todos/t1", 200, JSON,
                "{\"id\": \"t1\", \"title\": \"\", \"tags\": [\"x\"]}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /todos/{id} response 200 application/json: the body does not match its schema")
                .hasMessageContaining("/title")
                .hasMessageContaining("/tags/0");
    }

    @Test
    void check_pathWithALiteralTemplateToo_takesTheLiteralOne() {
        // WHEN / THEN /todos/mine answers a count, which the {id} template's Todo schema would refuse
        assertThatCode(() -> contract.check("GET", "/todos/mine", 200, JSON, "3")).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", "/todos/mine", 200, JSON, TODO))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /todos/mine response 200");
    }

    @Test
    void check_queryString_isIgnoredForMatching() {
        assertThatCode(() -> contract.check("GET", "/todos?limit=1&done=true", 200, JSON,
                "{\"items\": [" + TODO + "], \"nextCursor\": null}")).doesNotThrowAnyException();
    }

    @Test
    void check_pathUnderTheServersBasePath_matchesWithoutIt() {
        // GIVEN the document of a router with the base path /v1
        OpenApiContract v1 = OpenApiContract.of(fixture.replace("\"paths\": {", "\"servers\": [{\"url\": \"/v1\"}], \"paths\": {"));

        // WHEN / THEN
        assertThatCode(() -> v1.check("GET", "/v1/todos/mine", 200, JSON, "3")).doesNotThrowAnyException();
        assertThatCode(() -> v1.check("GET", "/todos/mine", 200, JSON, "3")).doesNotThrowAnyException();
        assertThatThrownBy(() -> v1.check("GET", "/v1/todos/mine", 200, JSON, "-1"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /todos/mine response 200");
    }

    @Test
    void check_formatOfAValue_isAsserted() {
        assertThatThrownBy(() -> contract.check("GET", "/todos/t1", 200, JSON,
                "{\"id\": \"t1\", \"title\": \"Buy milk\", \"dueDate\": \"next week\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/dueDate");
    }

    @Test
    void check_email_isAMailboxWhateverItsTopLevelDomain() {
        // WHEN / THEN a reserved top-level domain is a mailbox; a string without a domain is not
        assertThatCode(() -> contract.check("GET", "/todos/t1", 200, JSON,
                "{\"id\": \"t1\", \"title\": \"a\", \"contact\": \"ada@lovelace.example\"}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", "/todos/t1", 200, JSON,
                "{\"id\": \"t1\", \"title\": \"a\", \"contact\": \"ada@\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/contact");
    }

    @Test
    void check_statusWithoutItsCode_fallsBackToItsRangeThenDefault() {
        // GIVEN problem bodies
        String problem404 = "{\"status\": 404, \"title\": \"Not Found\"}";
        String problem503 = "{\"status\": 503, \"title\": \"Service Unavailable\"}";

        // WHEN / THEN GET /todos documents 4XX, POST /todos only default; both through a $ref'd response
        assertThatCode(() -> contract.check("GET", "/todos", 400, PROBLEM, "{\"status\": 400, \"title\": \"Bad\"}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.check("POST", "/todos", 503, PROBLEM, problem503)).doesNotThrowAnyException();
        assertThatCode(() -> contract.check("GET", "/todos/t1", 404, PROBLEM, problem404)).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("GET", "/todos", 422, PROBLEM, "{\"status\": \"422\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /todos response 4XX application/problem+json")
                .hasMessageContaining("/status").hasMessageContaining("title");
    }

    @Test
    void check_undocumentedStatus_isReportedWithTheDocumentedOnes() {
        assertThatThrownBy(() -> contract.check("GET", "/todos/t1", 500, PROBLEM, "{\"status\": 500, \"title\": \"x\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("GET /todos/{id} documents no response for status 500 (documented: [200, 404])");
    }

    @Test
    void check_undocumentedRouteOrMethodThatAnswers_isReported() {
        assertThatThrownBy(() -> contract.check("GET", "/users/1", 200, JSON, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the OpenAPI document has no path matching /users/1, yet GET /users/1 answered 200"
                        + " (documented: [/todos, /todos/{id}, /todos/mine])");
        assertThatThrownBy(() -> contract.check("PUT", "/todos/t1", 200, JSON, TODO))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the OpenAPI document has no operation PUT /todos/{id}, yet it answered 200");
        assertThatThrownBy(() -> contract.check("GET", "/todos/", 400, PROBLEM, "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no path matching /todos/");
    }

    @Test
    void check_undocumentedRouteAnswered404OrMethodAnswered405_isWhatTheDocumentImplies() {
        assertThatCode(() -> contract.check("GET", "/users/1", 404, PROBLEM, "{\"status\": 404, \"title\": \"x\"}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.check("PUT", "/todos/t1", 405, PROBLEM, "{\"status\": 405, \"title\": \"x\"}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("PUT", "/todos/t1", 404, PROBLEM, "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("yet it answered 404");
    }

    @Test
    void check_httpResponse_readsItsRequestAndLeavesCorsPreflightsOut() {
        // GIVEN a response received over HTTP, and a preflight's
        HttpResponse<String> read = new Received("GET", "/todos/t1?x=1", Map.of(), 200, JSON, "{\"id\": \"t1\"}");
        HttpResponse<String> preflight = new Received("OPTIONS", "/todos", Map.of("Access-Control-Request-Method",
                "POST"), 204, null, "");
        HttpResponse<String> options = new Received("OPTIONS", "/todos", Map.of(), 204, null, "");

        // WHEN / THEN the body is checked against GET /todos/{id}; the preflight is no operation of the API
        assertThatThrownBy(() -> contract.check(read)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /todos/{id} response 200").hasMessageContaining("title");
        assertThatCode(() -> contract.check(preflight)).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check(options)).isInstanceOf(AssertionError.class)
                .hasMessage("the OpenAPI document has no operation OPTIONS /todos, yet it answered 204");
    }

    @Test
    void check_undocumentedMediaType_isReported() {
        assertThatThrownBy(() -> contract.check("GET", "/todos/t1", 200, "text/plain", "hello"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("GET /todos/{id} response 200 does not document media type text/plain (documented:"
                        + " [application/json])");
        assertThatThrownBy(() -> contract.check("GET", "/todos/t1", 200, null, TODO))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not document media type null");
    }

    @Test
    void check_bodyPresenceAgainstTheDocument() {
        // WHEN / THEN a documented empty response passes; a body where none is documented, or none where one is, fails
        assertThatCode(() -> contract.check("DELETE", "/todos/t1", 204, null, "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("DELETE", "/todos/t1", 204, JSON, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("DELETE /todos/{id} response 204 documents no body but the response has one of type "
                        + "application/json");
        assertThatThrownBy(() -> contract.check("GET", "/todos/t1", 200, JSON, null))
                .isInstanceOf(AssertionError.class)
                .hasMessage("GET /todos/{id} response 200 documents a body ([application/json]) but the response has none");
    }

    @Test
    void check_head_isCheckedAgainstGetWithoutABody() {
        assertThatCode(() -> contract.check("HEAD", "/todos/t1", 200, JSON, "")).doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.check("HEAD", "/todos/t1", 500, JSON, ""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("HEAD /todos/{id} documents no response");
    }

    @Test
    void check_events_readsMethodPathStatusTypeAndBase64Body() {
        // GIVEN a request event and a response event whose body the adapter base64-encoded
        APIGatewayV2HTTPEvent request = HttpApiEvents.get("/todos/t1").build();
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", JSON)).withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString("{\"id\": \"t1\"}".getBytes(StandardCharsets.UTF_8)))
                .build();

        // WHEN / THEN the missing title is found in the decoded body
        assertThatThrownBy(() -> contract.check(request, response)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /todos/{id} response 200").hasMessageContaining("title");
    }

    @Test
    void of_textThatIsNoDocument_isRefused() {
        assertThatThrownBy(() -> OpenApiContract.of("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the OpenAPI document is not JSON");
        assertThatThrownBy(() -> OpenApiContract.of("{\"openapi\": \"3.1.0\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the OpenAPI document has no 'paths' object");
    }

    @Test
    void parserMessages_validDocument_hasNone() {
        assertThat(OpenApiContract.parserMessages(fixture)).isEmpty();
    }

    @Test
    void parserMessages_brokenDocument_namesWhatIsWrong() {
        // GIVEN a document whose info lacks its version and whose response refers to a missing component
        String broken = fixture.replace("\"version\": \"1.0.0\"", "\"versions\": \"1.0.0\"")
                .replace("#/components/schemas/TodoPage", "#/components/schemas/Missing");

        // WHEN
        var messages = OpenApiContract.parserMessages(broken);

        // THEN
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("version"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("Missing"));
    }

    /** A response as {@code HttpClient} hands it over, with the request it answers. */
    private record Received(String method, String target, Map<String, String> requestHeaders, int statusCode,
            String contentType, String body) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:3000" + target))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            requestHeaders.forEach(request::header);
            return request.build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
                    (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request().uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    private static String fixture() {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi/contract-fixture.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
