package io.github.dynacrud.benchmarks.baseline;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The query string of a list request: a page size and an optional cursor, and nothing else. */
record ListParams(int limit, String cursor) {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /**
     * Parses a raw query string such as {@code limit=10&cursor=abc}.
     *
     * @param rawQuery the query string as API Gateway passes it, still URL-encoded; may be null
     * @return the parameters; {@code cursor} is null when absent
     */
    static ListParams parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new ListParams(DEFAULT_LIMIT, null);
        }
        String limit = null;
        String cursor = null;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            // A repeated parameter is refused: which of the two the caller meant cannot be known.
            switch (name) {
                case "limit" -> limit = once(limit, value, "limit");
                case "cursor" -> cursor = once(cursor, value, "cursor");
                default -> throw HttpProblem.badRequest("the query may only have the parameters limit and cursor");
            }
        }
        return new ListParams(limit == null ? DEFAULT_LIMIT : limit(limit), cursor);
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("the query string is not properly URL-encoded");
        }
    }

    private static String once(String previous, String value, String name) {
        if (previous != null) {
            throw HttpProblem.badRequest("'" + name + "' may be given only once");
        }
        return value;
    }

    private static int limit(String text) {
        String detail = "'limit' must be an integer from 1 to " + MAX_LIMIT;
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw HttpProblem.badRequest(detail);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(detail);
        }
    }
}
