package io.github.dynacrud.http;

/** Reason phrases of the HTTP statuses dynacrud answers with, used as problem titles. */
public final class HttpStatus {
    private HttpStatus() {
    }

    /**
     * Returns the reason phrase of a status.
     *
     * @param status an HTTP status code
     * @return such as {@code "Not Found"}; for an unlisted status, the phrase of its class
     */
    public static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Success";
        };
    }
}
