package io.github.dynacrud.benchmarks.baseline;

/** A request the handler refuses with a 4xx status and a detail safe to show the caller. */
final class HttpProblem extends RuntimeException {
    private final int status;

    private HttpProblem(int status, String detail) {
        // Thrown on every refused request: a stack trace would cost more than the work it reports on.
        super(detail, null, false, false);
        this.status = status;
    }

    static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, detail);
    }

    static HttpProblem unauthorized(String detail) {
        return new HttpProblem(401, detail);
    }

    static HttpProblem notFound(String detail) {
        return new HttpProblem(404, detail);
    }

    static HttpProblem conflict(String detail) {
        return new HttpProblem(409, detail);
    }

    static HttpProblem preconditionFailed(String detail) {
        return new HttpProblem(412, detail);
    }

    static HttpProblem unprocessable(String detail) {
        return new HttpProblem(422, detail);
    }

    int status() {
        return status;
    }

    String detail() {
        return getMessage();
    }

    /** Returns the reason phrase of the statuses this handler answers with, used as the problem's title. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 422 -> "Unprocessable Content";
            default -> "Internal Server Error";
        };
    }
}
