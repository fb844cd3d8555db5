package io.github.dynacrud.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.dynacrud.http.Json;
import io.github.dynacrud.lambda.internal.EventMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Turns a real HTTP exchange into the payload 2.0 event API Gateway would send for it. */
final class LocalEvents {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private LocalEvents() {
    }

    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, byte[] body, String defaultSubject) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(value -> {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                });
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        boolean text = EventMapping.isText(headers.getOrDefault("content-type", ""));
        Instant now = Instant.now();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey("$default")
                        .withStage("$default")
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName("127.0.0.1")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withAuthorizer(authorizer(headers.get("authorization"), defaultSubject))
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod())
                                .withPath(rawPath)
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    /**
     * The claims of a bearer JWT, read without checking its signature (development only), or the default user's.
     */
    static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(String authorization, String defaultSubject) {
        Map<String, String> claims = new LinkedHashMap<>();
        List<String> scopes = new ArrayList<>();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String[] parts = authorization.substring(7).trim().split("\\.");
            if (parts.length < 2) {
                return null;
            }
            try {
                JsonNode payload = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
                if (!payload.isObject()) {
                    return null;
                }
                payload.fields().forEachRemaining(field -> claims.put(field.getKey(),
                        field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
            for (String scope : claims.getOrDefault("scope", "").split(" ")) {
                if (!scope.isBlank()) {
                    scopes.add(scope);
                }
            }
        } else if (defaultSubject != null) {
            claims.put("sub", defaultSubject);
        } else {
            return null;
        }
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(claims)
                        .withScopes(scopes.isEmpty() ? null : scopes)
                        .build())
                .build();
    }
}
