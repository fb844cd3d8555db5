package io.github.dynacrud.testing;

import io.github.dynacrud.http.HttpRequest;
import io.github.dynacrud.http.Principal;

/** Builds test requests from a target as a client writes it, such as {@code GET /notebooks/nb1?include=notes}. */
public final class Requests {
    private Requests() {
    }

    /**
     * Builds a request.
     *
     * @param method the method
     * @param target the path, percent-encoded, with an optional query string of {@code name=value} pairs
     * @param caller the principal
     * @param body   a JSON body, or {@code null} for none
     * @return the request
     */
    public static HttpRequest of(String method, String target, Principal caller, String body) {
        String[] parts = target.split("\\?", 2);
        HttpRequest.Builder request = HttpRequest.builder().method(method).path(parts[0]).principal(caller);
        if (parts.length > 1) {
            for (String parameter : parts[1].split("&")) {
                String[] pair = parameter.split("=", 2);
                request.queryParameter(pair[0], pair[1]);
            }
        }
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        return request.build();
    }
}
