package io.github.dynacrud.http;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.http.ResourceOptions.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The problems a resource's operation can answer, read from what it does: its body, its path, its options (scopes,
 * parent, idempotency), its entity (owner, unique attributes) and the children counted on its items.
 */
final class ResourceProblems {
    private static final Set<Operation> WITH_BODY = Set.of(Operation.CREATE, Operation.REPLACE, Operation.PATCH);
    private static final Set<Operation> ON_ITEM = Set.of(Operation.READ, Operation.REPLACE, Operation.PATCH,
            Operation.DELETE);

    private ResourceProblems() {
    }

    /**
     * Lists an operation's problems.
     *
     * @param resource  the resource
     * @param operation one of its operations
     * @return when each status is given, by status
     */
    static Map<Integer, String> of(EntityResource<?> resource, Operation operation) {
        Entity<?> entity = resource.entity();
        String type = entity.type();
        ResourceOptions options = resource.options();
        boolean idempotent = operation == Operation.CREATE && options.idempotency().isPresent();
        Map<Integer, String> problems = new TreeMap<>();
        badRequest(resource, operation, idempotent).ifPresent(text -> problems.put(400, text));
        problems.put(401, "no authenticated caller" + (entity.ownerAttribute().isEmpty() ? ""
                : options.ownerClaim().map(claim -> ", or its token has no " + claim + " claim that can identify an"
                        + " owner").orElse(", or its token's subject cannot identify an owner")));
        Set<String> scopes = options.scopes(operation);
        if (!scopes.isEmpty()) {
            problems.put(403, "the caller lacks a scope of " + scopes.stream().sorted().toList());
        }
        notFound(resource, operation).ifPresent(text -> problems.put(404, text));
        List<String> conflicts = conflicts(resource, operation, idempotent);
        if (!conflicts.isEmpty()) {
            problems.put(409, String.join("; or ", conflicts));
        }
        if (ON_ITEM.contains(operation) && operation != Operation.READ) {
            problems.put(412, "If-Match names no current version of the " + type);
        }
        if (WITH_BODY.contains(operation)) {
            problems.put(413, "the body exceeds the router's limit");
            problems.put(415, "the body is not sent as JSON");
            problems.put(422, "the " + type + " breaks a validation rule; errors lists each field"
                    + (idempotent ? "; or the Idempotency-Key came with another request" : ""));
        }
        problems.put(500, "an unexpected failure; quote the instance when reporting it");
        problems.put(503, "DynamoDB could not serve the request for a passing reason; send it again after"
                + " Retry-After");
        return problems;
    }

    /**
     * What is malformed in what the operation reads: its body, its query string, its idempotency key. A path that is
     * not correctly percent-encoded is refused by the router before any route, as an unknown path is, so it is not
     * the operation's.
     */
    private static Optional<String> badRequest(EntityResource<?> resource, Operation operation, boolean idempotent) {
        String type = resource.entity().type();
        return switch (operation) {
            case CREATE, REPLACE, PATCH -> Optional.of("the body is not JSON of a " + type + " (malformed, a wrong"
                    + " type or an unknown field; errors names it)" + (idempotent ? ", or the Idempotency-Key is not"
                    + " 1 to 255 visible ASCII characters" : ""));
            case LIST -> Optional.of("a query parameter is unknown, given twice or malformed (errors names it)"
                    + (resource.options().listFilters().size() > 1 ? ", or list filters are combined" : "")
                    + (resource.listNeedsFilter() ? ", or no list filter is given" : ""));
            case READ -> resource.options().includes().isEmpty() ? Optional.empty()
                    : Optional.of("include names no child, or comes with a query parameter other than limit, or"
                            + " limit is out of range (errors names it)");
            case DELETE -> Optional.empty();
        };
    }

    private static Optional<String> notFound(EntityResource<?> resource, Operation operation) {
        String type = resource.entity().type();
        Optional<String> parent = resource.parent().map(link -> link.parent().entity().type());
        if (ON_ITEM.contains(operation)) {
            return Optional.of("the " + type + " does not exist for the caller"
                    + (operation == Operation.DELETE ? parent.map(p -> ", or its " + p + " does not").orElse("")
                            : ""));
        }
        if (parent.isPresent()) {
            return Optional.of("the " + parent.get() + " of the path does not exist for the caller");
        }
        return resource.pathAttributes().isEmpty() ? Optional.empty()
                : Optional.of("no " + type + " can have the values of the path");
    }

    private static List<String> conflicts(EntityResource<?> resource, Operation operation, boolean idempotent) {
        Entity<?> entity = resource.entity();
        List<String> conflicts = new ArrayList<>();
        if (operation == Operation.CREATE) {
            conflicts.add("a " + entity.type() + " with this id exists already");
        }
        if (WITH_BODY.contains(operation) && !entity.uniqueAttributes().isEmpty()) {
            conflicts.add("another " + entity.type() + " has this " + String.join(" or ", entity.uniqueAttributes()));
        }
        if (idempotent) {
            conflicts.add("another request with this Idempotency-Key is being written (with Retry-After)");
        }
        if (operation == Operation.DELETE && resource.countsChildren()) {
            conflicts.add("the " + entity.type() + " still has children");
        }
        return conflicts;
    }
}
