package io.github.dynacrud.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Router;
import io.github.dynacrud.test.HttpApiEvents;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link HttpApiHandler} writes responses for API Gateway (payload 2.0): single-valued {@code headers}, every
 * {@code Set-Cookie} in {@code cookies}, no {@code multiValueHeaders} (which API Gateway ignores), text bodies as text
 * and binary bodies in base64.
 */
class ResponseMappingTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H',
            'D', 'R', (byte) 0xFF, (byte) 0xFE, 0, (byte) 0x80};

    private final HttpApiHandler handler = new HttpApiHandler(Router.builder()
            .get("/cookies", request -> HttpResponse.json(200, Map.of("ok", true))
                    .withCookie("session=abc123; Path=/; HttpOnly; Secure")
                    .withCookie("theme=dark; Max-Age=3600")
                    .addHeader("Set-Cookie", "csrf=x1y2; SameSite=Strict")
                    .addHeader("SET-COOKIE", "lang=fr"))
            .get("/repeated", request -> HttpResponse.json(200, Map.of("ok", true))
                    .addHeader("Cache-Control", "no-cache")
                    .addHeader("cache-control", "no-store")
                    .addHeader("Link", "</todos?cursor=a>; rel=\"next\"")
                    .addHeader("Link", "</todos>; rel=\"first\""))
            .get("/json", request -> HttpResponse.json(200, Map.of("title", "Café ☕ \"quoted\"")))
            .get("/problem", request -> {
                throw new ItemNotFoundException("Todo");
            })
            .get("/png", request -> HttpResponse.bytes(200, "image/png", PNG))
            .get("/empty-png", request -> HttpResponse.bytes(200, "image/png", new byte[0]))
            .get("/no-content", request -> HttpResponse.empty(204))
            .get("/latin1", request -> HttpResponse.bytes(200, "text/plain; charset=ISO-8859-1",
                    "café;crème".getBytes(StandardCharsets.ISO_8859_1)))
            .get("/malformed", request -> HttpResponse.bytes(200, "text/plain",
                    "café".getBytes(StandardCharsets.ISO_8859_1)))
            .get("/replacement", request -> HttpResponse.json(200, Map.of("title", "a \uFFFD b")))
            .get("/typed", request -> HttpResponse.bytes(200, request.queryParameter("type").orElseThrow(),
                    "héllo,wörld".getBytes(StandardCharsets.UTF_8)))
            .build()) {
    };

    @Test
    void setCookies_allGoToCookiesAndNeverToHeaders() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/cookies");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getCookies()).containsExactlyInAnyOrder("session=abc123; Path=/; HttpOnly; Secure",
                "theme=dark; Max-Age=3600", "csrf=x1y2; SameSite=Strict", "lang=fr");
        assertThat(response.getHeaders().keySet()).noneMatch(name -> name.equalsIgnoreCase("set-cookie"));
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(response.getMultiValueHeaders()).isNull();
    }

    @Test
    void responseWithoutCookies_hasNoCookies() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/json");

        // THEN
        assertThat(response.getCookies()).isNullOrEmpty();
        assertThat(response.getHeaders().keySet()).noneMatch(name -> name.equalsIgnoreCase("set-cookie"));
    }

    @Test
    void repeatedHeaderValues_areJoinedWithCommaSpaceInOneHeader() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/repeated");

        // THEN
        assertThat(response.getHeaders()).containsEntry("cache-control", "no-cache, no-store")
                .containsEntry("link", "</todos?cursor=a>; rel=\"next\", </todos>; rel=\"first\"");
        assertThat(response.getHeaders().keySet()).filteredOn(name -> name.equalsIgnoreCase("cache-control"))
                .hasSize(1);
        assertThat(response.getMultiValueHeaders()).isNull();
    }

    @Test
    void jsonBody_isSentAsUtf8TextNotBase64() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/json");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).isEqualTo("{\"title\":\"Café ☕ \\\"quoted\\\"\"}");
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(response.getMultiValueHeaders()).isNull();
    }

    @Test
    void problemBody_isSentAsTextWithTheProblemMediaType() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/problem");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(response.getBody()).startsWith("{").contains("\"status\":404").contains("\"instance\":\"req-1\"");
        assertThat(HttpApiEvents.json(response).get("title").asText()).isEqualTo("Not Found");
        assertThat(response.getMultiValueHeaders()).isNull();
    }

    @Test
    void unknownPath_problemIsText() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/nowhere");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(HttpApiEvents.json(response).get("detail").asText()).isEqualTo("no route matches this path");
    }

    @Test
    void binaryBody_isBase64WithTheFlagSet() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/png");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(response.getHeaders()).containsEntry("content-type", "image/png");
        assertThat(Base64.getDecoder().decode(response.getBody())).isEqualTo(PNG);
        assertThat(response.getMultiValueHeaders()).isNull();
    }

    @Test
    void emptyBinaryBody_isAnEmptyBodyNotFlaggedAsBase64() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/empty-png");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isNullOrEmpty();
        assertThat(response.getIsBase64Encoded()).isFalse();
    }

    @Test
    void noContent_hasAnEmptyBodyAndNoContentType() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/no-content");

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNullOrEmpty();
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getHeaders()).isNotNull().doesNotContainKey("content-type");
        assertThat(response.getCookies()).isNullOrEmpty();
        assertThat(response.getMultiValueHeaders()).isNull();
    }

    @Test
    void textBodyInAnotherCharset_reachesTheClientAsTheSameBytes() {
        // GIVEN: the bytes a handler sends, in ISO-8859-1 as its Content-Type says
        byte[] sent = "café;crème".getBytes(StandardCharsets.ISO_8859_1);

        // WHEN
        APIGatewayV2HTTPResponse response = get("/latin1");

        // THEN: API Gateway sends a text body as UTF-8 and decodes a base64 one; either way the bytes must survive
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "text/plain; charset=ISO-8859-1");
        assertThat(deliveredBytes(response)).isEqualTo(sent);
    }

    @Test
    void textBodyThatIsNotUtf8_goesInBase64AsTheSameBytes() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/malformed");

        // THEN: decoded as UTF-8 it would have lost its byte 0xE9 to a replacement character
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(deliveredBytes(response)).isEqualTo("café".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void textBodyHoldingAReplacementCharacter_isStillText() {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/replacement");

        // THEN: U+FFFD sent on purpose is valid UTF-8
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).isEqualTo("{\"title\":\"a \uFFFD b\"}");
    }

    @ParameterizedTest(name = "{0} is text")
    @CsvSource({
            "text/plain; charset=utf-8",
            "text/csv",
            "text/html",
            "application/json",
            "Application/JSON; Charset=UTF-8",
            "application/vnd.api+json",
            "application/merge-patch+json",
            "application/xml",
            "application/atom+xml",
            "application/javascript",
            "application/x-www-form-urlencoded"
    })
    void textMediaTypes_areSentAsText(String contentType) {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/typed?type=" + encode(contentType));

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).isEqualTo("héllo,wörld");
        assertThat(response.getHeaders()).containsEntry("content-type", contentType);
    }

    @ParameterizedTest(name = "{0} is base64")
    @CsvSource({
            "application/octet-stream",
            "application/pdf",
            "image/png",
            "audio/mpeg",
            "application/zip"
    })
    void binaryMediaTypes_areSentAsBase64(String contentType) {
        // WHEN
        APIGatewayV2HTTPResponse response = get("/typed?type=" + encode(contentType));

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8))
                .isEqualTo("héllo,wörld");
    }

    private APIGatewayV2HTTPResponse get(String path) {
        return handler.handleRequest(HttpApiEvents.get(path).requestId("req-1").build(), null);
    }

    /** The bytes API Gateway sends the client for a response event. */
    private static byte[] deliveredBytes(APIGatewayV2HTTPResponse response) {
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
