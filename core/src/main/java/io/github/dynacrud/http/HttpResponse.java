package io.github.dynacrud.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP response: a status, headers, {@code Set-Cookie} values and a body. Immutable; the {@code with} methods
 * return copies.
 *
 * <pre>{@code
 * return HttpResponse.json(201, todo).withHeader("Location", "/todos/" + todo.id());
 * }</pre>
 */
public final class HttpResponse {
    /** The media type of JSON bodies. */
    public static final String JSON = "application/json";
    /** The media type of problem bodies (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    private final int status;
    private final Headers headers;
    private final List<String> cookies;
    private final byte[] body;

    private HttpResponse(int status, Headers headers, List<String> cookies, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is not an HTTP status");
        }
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.cookies = List.copyOf(cookies);
        this.body = body;
    }

    /**
     * A response with a JSON body.
     *
     * @param status the HTTP status
     * @param body   any value Jackson writes: a record, a map, a list
     * @return the response
     */
    public static HttpResponse json(int status, Object body) {
        return owning(status, JSON, Json.write(body));
    }

    /**
     * A response without a body.
     *
     * @param status such as 204
     * @return the response
     */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, Headers.empty(), List.of(), new byte[0]);
    }

    /**
     * A plain-text response in UTF-8.
     *
     * @param status the HTTP status
     * @param text   the body
     * @return the response
     */
    public static HttpResponse text(int status, String text) {
        return owning(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response with any body.
     *
     * @param status      the HTTP status
     * @param contentType the body's media type
     * @param body        the bytes; copied
     * @return the response
     */
    public static HttpResponse bytes(int status, String contentType, byte[] body) {
        return owning(status, contentType, body.clone());
    }

    /** A response that keeps {@code body} itself: only for arrays made for it, which nothing else holds. */
    private static HttpResponse owning(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Headers.of("Content-Type", contentType), List.of(), body);
    }

    /**
     * A problem details response ({@code application/problem+json}) with the problem's status.
     *
     * @param problem the problem
     * @return the response
     */
    public static HttpResponse problem(Problem problem) {
        return owning(problem.status(), PROBLEM_JSON, Json.write(problem));
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the headers */
    public Headers headers() {
        return headers;
    }

    /** @return the {@code Set-Cookie} values, in order */
    public List<String> cookies() {
        return cookies;
    }

    /** @return a copy of the body bytes */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Returns a copy with a header set, replacing its values.
     *
     * @param name  the header name
     * @param value its value
     * @return the new response
     */
    public HttpResponse withHeader(String name, String value) {
        return new HttpResponse(status, headers.with(name, value), cookies, body);
    }

    /**
     * Returns a copy with one more value for a header.
     *
     * @param name  the header name
     * @param value the value to add
     * @return the new response
     */
    public HttpResponse addHeader(String name, String value) {
        return new HttpResponse(status, headers.add(name, value), cookies, body);
    }

    /**
     * Returns a copy that sets one more cookie.
     *
     * @param setCookie a {@code Set-Cookie} value, such as {@code "session=abc; HttpOnly; Secure"}
     * @return the new response
     */
    public HttpResponse withCookie(String setCookie) {
        List<String> more = new ArrayList<>(cookies);
        more.add(Objects.requireNonNull(setCookie, "setCookie"));
        return new HttpResponse(status, headers, more, body);
    }

    /**
     * Returns a copy without a body, keeping the headers, as HEAD answers.
     *
     * @return the new response
     */
    public HttpResponse withoutBody() {
        return new HttpResponse(status, headers, cookies, new byte[0]);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
    }
}
