package io.github.dynacrud.lambda.deploy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an event as API Gateway sends an HTTP API payload 2.0 to Lambda, key by key from AWS's documented format,
 * not through the runtime's serializer: the runtime interface client must read what API Gateway writes, and a
 * round trip through its own serializer could not show that it does.
 */
public final class HttpApiEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HttpApiEventJson() {
    }

    /**
     * Writes one event.
     *
     * @param event the event, as {@code HttpApiEvents} builds it
     * @return its JSON, as API Gateway sends it
     */
    public static String write(APIGatewayV2HTTPEvent event) {
        Instant now = Instant.now();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("version", "2.0");
        json.put("routeKey", event.getRouteKey());
        json.put("rawPath", event.getRawPath());
        json.put("rawQueryString", event.getRawQueryString());
        putStrings(json, "cookies", event.getCookies());
        putMap(json, "headers", event.getHeaders());
        putMap(json, "queryStringParameters", event.getQueryStringParameters());

        var context = event.getRequestContext();
        ObjectNode requestContext = json.putObject("requestContext");
        requestContext.put("accountId", "123456789012");
        requestContext.put("apiId", "a1b2c3d4e5");
        if (context.getAuthorizer() != null && context.getAuthorizer().getJwt() != null) {
            var jwt = context.getAuthorizer().getJwt();
            ObjectNode jwtJson = requestContext.putObject("authorizer").putObject("jwt");
            putMap(jwtJson, "claims", jwt.getClaims());
            putStrings(jwtJson, "scopes", jwt.getScopes());
        }
        requestContext.put("domainName", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com");
        requestContext.put("domainPrefix", "a1b2c3d4e5");
        ObjectNode http = requestContext.putObject("http");
        http.put("method", context.getHttp().getMethod());
        http.put("path", context.getHttp().getPath());
        http.put("protocol", context.getHttp().getProtocol());
        http.put("sourceIp", context.getHttp().getSourceIp());
        http.put("userAgent", context.getHttp().getUserAgent());
        requestContext.put("requestId", context.getRequestId());
        requestContext.put("routeKey", context.getRouteKey());
        requestContext.put("stage", context.getStage());
        requestContext.put("time", TIME.format(now));
        requestContext.put("timeEpoch", now.toEpochMilli());

        if (event.getBody() != null) {
            json.put("body", event.getBody());
        }
        json.put("isBase64Encoded", event.getIsBase64Encoded());
        return json.toString();
    }

    private static void putMap(ObjectNode json, String name, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode map = json.putObject(name);
            values.forEach(map::put);
        }
    }

    private static void putStrings(ObjectNode json, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            values.forEach(json.putArray(name)::add);
        }
    }
}
