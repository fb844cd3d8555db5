package io.github.dynacrud.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.github.dynacrud.test.HttpApiEvents;

/**
 * The requests every benchmark sends, the same to dynacrud's handler and to the baseline: a create, a read by id, a
 * list of one page and a patch.
 */
final class TodoEvents {
    /** The caller, as API Gateway's JWT authorizer names it. */
    static final String OWNER = "bench-user";
    /** The page size of a list. */
    static final int PAGE = 10;

    private TodoEvents() {
    }

    /** @return {@code POST /todos} with a valid todo */
    static APIGatewayV2HTTPEvent create() {
        return HttpApiEvents.post("/todos").subject(OWNER)
                .json("{\"title\": \"Measure the cold start\", \"dueDate\": \"2026-12-24\"}").build();
    }

    /**
     * @param id the todo's id
     * @return {@code GET /todos/{id}}
     */
    static APIGatewayV2HTTPEvent get(String id) {
        return HttpApiEvents.get("/todos/" + id).subject(OWNER).build();
    }

    /**
     * @param id      the todo's id
     * @param version the version the caller last read
     * @return {@code PATCH /todos/{id}}: a JSON merge patch of the title and the done state, if the version matches
     */
    static APIGatewayV2HTTPEvent patch(String id, long version) {
        return HttpApiEvents.patch("/todos/" + id).subject(OWNER).header("If-Match", "\"" + version + "\"")
                .header("Content-Type", "application/merge-patch+json")
                .body("{\"title\": \"Measure the warm cost\", \"done\": true}").build();
    }

    /** @return {@code GET /todos?limit=10} */
    static APIGatewayV2HTTPEvent list() {
        return HttpApiEvents.get("/todos").query("limit", Integer.toString(PAGE)).subject(OWNER).build();
    }
}
