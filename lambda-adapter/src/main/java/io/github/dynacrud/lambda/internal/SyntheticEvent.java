package io.github.dynacrud.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An API Gateway HTTP API (payload 2.0) event made in code, shaped as API Gateway sends it: what SnapStart priming
 * runs and what the test event builders of {@code dynacrud-test} produce.
 *
 * @param method    the HTTP method
 * @param path      the path without the stage
 * @param rawQuery  the raw query string, empty for none
 * @param headers   lower-case header names and their (comma-joined) values
 * @param cookies   request cookies as {@code name=value}
 * @param claims    JWT claims, empty for an unauthenticated request
 * @param scopes    JWT scopes
 * @param stage     the stage, {@code $default} for none in the path
 * @param body      the body, base64 when {@code base64}, or {@code null}
 * @param base64    whether the body is base64-encoded
 * @param requestId the request id
 */
public record SyntheticEvent(String method, String path, String rawQuery, Map<String, String> headers,
        List<String> cookies, Map<String, String> claims, Set<String> scopes, String stage, String body, boolean base64,
        String requestId) {

    /** @return the event, with mutable copies of every collection as the runtime's deserializer would make */
    public APIGatewayV2HTTPEvent toEvent() {
        String rawPath = stage.equals("$default") ? path : "/" + stage + path;
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = null;
        if (!claims.isEmpty()) {
            authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(new LinkedHashMap<>(claims))
                            .withScopes(scopes.isEmpty() ? null : new ArrayList<>(scopes))
                            .build())
                    .build();
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery)
                .withCookies(cookies.isEmpty() ? null : new ArrayList<>(cookies))
                .withHeaders(new LinkedHashMap<>(headers))
                .withQueryStringParameters(commaJoined(rawQuery))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey("$default")
                        .withStage(stage)
                        .withRequestId(requestId)
                        .withAuthorizer(authorizer)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(rawPath)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent("dynacrud-test")
                                .build())
                        .build())
                .build();
    }

    /**
     * API Gateway joins repeated query keys with commas in {@code queryStringParameters}; it leaves the map out for a
     * query it cannot decode, which the adapter then refuses from {@code rawQueryString}.
     */
    private static Map<String, String> commaJoined(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return null;
        }
        Map<String, List<String>> query;
        try {
            query = HttpRequest.builder().rawQuery(rawQuery).build().query();
        } catch (BadRequestException e) {
            return null;
        }
        Map<String, String> joined = new LinkedHashMap<>();
        query.forEach((name, values) -> joined.put(name, String.join(",", values)));
        return joined;
    }
}
