package io.github.dynacrud.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.http.Headers;
import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.HttpResponse;
import io.github.dynacrud.http.Principal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates API Gateway HTTP API events (payload format 2.0, which Lambda function URLs send too) to
 * {@link HttpRequest}s and {@link HttpResponse}s back to events, exactly as the format defines them: the path from
 * {@code rawPath} with a named stage moved to the base path, repeated query keys from {@code rawQueryString}, cookies
 * from {@code cookies}, the principal from a JWT, Lambda or IAM authorizer, and response cookies in {@code cookies},
 * never in {@code multiValueHeaders}, which API Gateway ignores.
 */
public final class EventMapping {
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset=\"?([^\";\\s]+)");
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/problem+json",
            "application/xml", "application/javascript", "application/x-www-form-urlencoded");

    private EventMapping() {
    }

    /**
     * Reads an event as a request.
     *
     * @param event the event, however malformed
     * @return the request
     * @throws BadRequestException when the event lacks what every request has, or its encoding is broken
     */
    public static HttpRequest toRequest(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            throw new BadRequestException("the event is not an HTTP API (payload 2.0) request");
        }
        var context = event.getRequestContext();
        String method = Objects.requireNonNullElse(context.getHttp().getMethod(), "").toUpperCase(Locale.ROOT);
        if (!isMethod(method)) {
            throw new BadRequestException("the request has no valid HTTP method");
        }
        String rawPath = event.getRawPath() != null ? event.getRawPath() : context.getHttp().getPath();
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new BadRequestException("the request has no path");
        }
        String stage = stagePrefix(context, rawPath);
        HttpRequest.Builder request = HttpRequest.builder()
                .method(method)
                .basePath(stage)
                .path(rawPath.length() == stage.length() ? "/" : rawPath.substring(stage.length()))
                .headers(headers(event.getHeaders()))
                .cookies(cookies(event.getCookies()))
                .requestId(Objects.requireNonNullElse(context.getRequestId(), ""));
        body(event, request);
        query(event, request);
        principal(context.getAuthorizer()).ifPresent(request::principal);
        return request.build();
    }

    /**
     * Writes a response as an event: single-valued headers (repeated values joined with {@code ", "}), every
     * {@code Set-Cookie} in {@code cookies}, text bodies as text and others in base64.
     *
     * @param response the response
     * @return the event
     */
    public static APIGatewayV2HTTPResponse toEvent(HttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers().asMap().size() * 2);
        List<String> cookies = new ArrayList<>(response.cookies());
        response.headers().asMap().forEach((name, values) -> {
            if (name.equals("set-cookie")) {
                cookies.addAll(values);
            } else {
                headers.put(name, values.size() == 1 ? values.get(0) : String.join(", ", values));
            }
        });
        String contentType = response.headers().first("content-type").orElse("");
        String text = isText(contentType) ? utf8Text(contentType, response) : null;
        APIGatewayV2HTTPResponse event = new APIGatewayV2HTTPResponse();
        event.setStatusCode(response.status());
        event.setHeaders(headers);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        if (text != null) {
            event.setIsBase64Encoded(false);
            event.setBody(text);
        } else {
            byte[] body = response.body();
            event.setIsBase64Encoded(body.length > 0);
            event.setBody(Base64.getEncoder().encodeToString(body));
        }
        return event;
    }

    /**
     * The {@code /{stage}} that starts the raw path: API Gateway puts a stage other than {@code $default} there on its
     * own {@code execute-api} domain, never on a custom domain (whose API mapping chose the stage) nor in a function
     * URL's events.
     */
    private static String stagePrefix(APIGatewayV2HTTPEvent.RequestContext context, String rawPath) {
        String stage = context.getStage();
        String domain = context.getDomainName();
        if (stage == null || !isStageName(stage) || domain != null && !domain.contains(".execute-api.")) {
            return "";
        }
        String prefix = "/" + stage;
        return rawPath.equals(prefix) || rawPath.startsWith(prefix + "/") ? prefix : "";
    }

    /** A method is {@code [A-Z]{1,16}}, checked without a regex on every event. */
    private static boolean isMethod(String method) {
        if (method.isEmpty() || method.length() > 16) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            if (method.charAt(i) < 'A' || method.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** What API Gateway allows in a stage name, {@code [A-Za-z0-9_-]{1,128}}: {@code $default} is none. */
    private static boolean isStageName(String stage) {
        if (stage.isEmpty() || stage.length() > 128) {
            return false;
        }
        for (int i = 0; i < stage.length(); i++) {
            char c = stage.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static Headers headers(Map<String, String> headers) {
        Map<String, List<String>> values = new LinkedHashMap<>(headers == null ? 0 : headers.size() * 2);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    values.put(name, List.of(value));
                }
            });
        }
        return Headers.of(values);
    }

    /** The query from {@code rawQueryString}, which keeps repeated keys apart; the joined map only without it. */
    private static void query(APIGatewayV2HTTPEvent event, HttpRequest.Builder request) {
        String raw = event.getRawQueryString();
        if (raw != null && !raw.isEmpty()) {
            request.rawQuery(raw);
        } else if (event.getQueryStringParameters() != null) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            event.getQueryStringParameters().forEach((name, value) -> {
                if (name != null && value != null) {
                    query.put(name, List.of(value));
                }
            });
            request.query(query);
        }
    }

    private static Map<String, String> cookies(List<String> cookies) {
        Map<String, String> values = new LinkedHashMap<>();
        if (cookies != null) {
            for (String cookie : cookies) {
                if (cookie == null) {
                    continue;
                }
                int equals = cookie.indexOf('=');
                if (equals > 0) {
                    values.putIfAbsent(cookie.substring(0, equals).trim(), cookie.substring(equals + 1).trim());
                }
            }
        }
        return values;
    }

    /** Sets the body: text as it is (encoded once, not copied again), base64 decoded. */
    private static void body(APIGatewayV2HTTPEvent event, HttpRequest.Builder request) {
        String body = event.getBody();
        if (body == null) {
            return;
        }
        if (!event.getIsBase64Encoded()) {
            request.body(body);
            return;
        }
        try {
            request.body(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the body is not valid base64");
        }
    }

    private static Optional<Principal> principal(APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer) {
        if (authorizer == null) {
            return Optional.empty();
        }
        if (authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null) {
            Map<String, String> claims = new LinkedHashMap<>();
            authorizer.getJwt().getClaims().forEach((name, value) -> {
                if (name != null && value != null) {
                    claims.put(name, value);
                }
            });
            Set<String> scopes = new LinkedHashSet<>();
            if (authorizer.getJwt().getScopes() != null) {
                authorizer.getJwt().getScopes().stream().filter(Objects::nonNull).forEach(scopes::add);
            }
            addSpaceSeparated(scopes, claims.get("scope"));
            return subject(claims).map(sub -> new Principal(sub, claims, scopes));
        }
        if (authorizer.getIam() != null) {
            return IamPrincipals.of(authorizer.getIam());
        }
        if (authorizer.getLambda() != null) {
            Map<String, String> claims = new LinkedHashMap<>();
            Set<String> scopes = new LinkedHashSet<>();
            authorizer.getLambda().forEach((name, value) -> {
                if (name == null || value == null) {
                    return;
                }
                if (name.equals("scopes") && value instanceof Collection<?> list) {
                    list.stream().filter(Objects::nonNull).map(Object::toString).forEach(scopes::add);
                } else {
                    claims.put(name, value.toString());
                }
            });
            addSpaceSeparated(scopes, claims.get("scopes"));
            addSpaceSeparated(scopes, claims.get("scope"));
            return subject(claims).or(() -> Optional.ofNullable(claims.get("principalId")))
                    .filter(sub -> !sub.isEmpty()).map(sub -> new Principal(sub, claims, scopes));
        }
        return Optional.empty();
    }

    private static Optional<String> subject(Map<String, String> claims) {
        return Optional.ofNullable(claims.get("sub")).filter(sub -> !sub.isEmpty());
    }

    private static void addSpaceSeparated(Set<String> scopes, String value) {
        if (value != null) {
            for (String scope : value.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
    }

    /**
     * A body travels as text only in UTF-8: other charsets, or bytes that are not UTF-8, go in base64 unchanged.
     *
     * @return the body as text, or {@code null} when it must go in base64
     */
    private static String utf8Text(String contentType, HttpResponse response) {
        if (contentType.indexOf(';') >= 0) {
            Matcher charset = CHARSET.matcher(contentType);
            if (charset.find() && !charset.group(1).equalsIgnoreCase("utf-8")) {
                return null;
            }
        }
        // Decoding replaces malformed bytes with U+FFFD: text without one came from valid UTF-8 (most bodies, in
        // ASCII, cannot even hold one), and only text with one needs the strict check on the bytes.
        String text = response.bodyText();
        return text.indexOf('\uFFFD') < 0 || isUtf8(response.body()) ? text : null;
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Tells whether a body of a media type travels as text in an event, rather than base64.
     *
     * @param contentType a {@code Content-Type} value, possibly empty
     * @return {@code true} for {@code text/*}, JSON, XML, {@code +json}, {@code +xml} and form bodies
     */
    public static boolean isText(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || TEXT_TYPES.contains(type) || type.endsWith("+json")
                || type.endsWith("+xml");
    }
}
