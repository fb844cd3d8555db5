package io.github.dynacrud.http;

import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.InvalidCursorException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.UnauthorizedException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import io.github.dynacrud.http.ResourceOptions.Operation;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Page;
import io.github.dynacrud.table.Precondition;
import io.github.dynacrud.table.Query;
import io.github.dynacrud.table.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD routes of one entity: JSON in and out, the owner from the principal, ETags from versions, list filters
 * mapped to key queries.
 *
 * @param <T> the record type
 */
final class EntityResource<T extends Record> {
    /** A strong entity tag holding a version; If-Match compares strongly (RFC 9110), so weak tags never match. */
    private static final Pattern VERSION = Pattern.compile("\"(\\d{1,18})\"");
    /** One entity tag of a list, weak or strong, with the comma after it or the end of the list. */
    private static final Pattern LISTED_TAG = Pattern.compile("\\s*(W/)?(\"[^\"]*\")\\s*(,|$)");

    private final EntityRepository<T> repository;
    private final Entity<T> entity;
    private final ResourceOptions options;
    private final PathKeys pathKeys;
    private final Includes<T> includes;
    private final Optional<ParentLink<?, T>> parent;
    private EntityJson<T> json;
    private Set<String> childCounts = Set.of();
    private final String id;
    private final boolean listNeedsFilter;

    private EntityResource(EntityRepository<T> repository, String mountedPath, ResourceOptions options) {
        this.repository = repository;
        this.entity = repository.entity();
        this.options = options;
        this.pathKeys = PathKeys.of(mountedPath, entity);
        countChildren(Set.of());
        this.id = entity.idAttribute().orElseThrow();
        boolean lists = options.operations().contains(Operation.LIST);
        Query list = options.listQuery().get().build();
        KeyTemplate listPartition = list.index().map(i -> entity.index(i).partitionKey())
                .orElse(entity.partitionKey());
        this.listNeedsFilter = listPartition.attributes().stream()
                .anyMatch(a -> !entity.ownerAttribute().map(a::equals).orElse(false)
                        && !pathKeys.attributes().contains(a) && !list.partition().containsKey(a));
        if (listNeedsFilter && lists && options.listFilters().isEmpty()) {
            throw new IllegalArgumentException("the partition key '" + listPartition + "' of " + entity.type()
                    + " needs more than the owner, so listing it needs a list filter; declare one or leave LIST out");
        }
        if (lists) {
            list.index().map(entity::index).ifPresentOrElse(pathKeys::checkHeldBy, pathKeys::checkHeldByTable);
            if (!options.listFilters().isEmpty()) {
                pathKeys.checkHeldByTable();
                entity.indexes().forEach(pathKeys::checkHeldBy);
            }
        }
        this.includes = new Includes<>(repository, options, options.operations().contains(Operation.READ));
        this.parent = options.parent().map(p -> ParentLink.of(p, repository, pathKeys));
    }

    /** @return the options this resource is mounted with */
    ResourceOptions options() {
        return options;
    }

    /** @return the parent this resource's items belong to, if its options name one */
    Optional<ParentLink<?, T>> parent() {
        return parent;
    }

    /** @return the entity this resource serves */
    Entity<T> entity() {
        return entity;
    }

    /** @return the JSON its routes read and answer */
    EntityJson<T> json() {
        return json;
    }

    /** @return the id's path parameter, such as {@code id} */
    String idParameter() {
        return id;
    }

    /** @return the key attributes its path fills, in path order */
    List<String> pathAttributes() {
        return pathKeys.attributes();
    }

    /** @return whether its items count children, so that a delete needs each count to be zero */
    boolean countsChildren() {
        return !childCounts.isEmpty();
    }

    /** @return whether a list needs one of the list filters, its partition needing more than the path and owner */
    boolean listNeedsFilter() {
        return listNeedsFilter;
    }

    /**
     * Makes this resource a parent, once the router knows every resource: bodies never set the counts of its
     * children, and a delete needs each to be zero.
     *
     * @param counts the attributes counting children of this resource's items, possibly none
     */
    void countChildren(Set<String> counts) {
        Set<String> readOnly = new java.util.LinkedHashSet<>(pathKeys.attributes());
        readOnly.addAll(counts);
        this.json = EntityJson.of(entity, readOnly);
        this.childCounts = Set.copyOf(counts);
    }

    /**
     * Mounts an entity's routes.
     *
     * @param router      the router being built
     * @param path        the collection's path relative to the router's current group
     * @param mountedPath the same path with the group's prefix, whose parameters fill key attributes
     * @param repository  the entity's repository
     * @param options     the resource's options
     * @param <T>         the record type
     */
    static <T extends Record> void mount(Router.Builder router, String path, String mountedPath,
            EntityRepository<T> repository, ResourceOptions options) {
        EntityResource<T> resource = new EntityResource<>(repository, mountedPath, options);
        router.mounted(resource);
        String item = path + "/{" + resource.id + "}";
        resource.add(router, Operation.CREATE, "POST", path);
        resource.add(router, Operation.LIST, "GET", path);
        resource.add(router, Operation.READ, "GET", item);
        resource.add(router, Operation.REPLACE, "PUT", item);
        resource.add(router, Operation.PATCH, "PATCH", item);
        resource.add(router, Operation.DELETE, "DELETE", item);
    }

    private void add(Router.Builder router, Operation operation, String method, String path) {
        if (options.operations().contains(operation)) {
            router.route(method, path, new OperationHandler(operation, options.scopes(operation)),
                    Optional.of(new Router.ResourceOperation(this, operation)));
        }
    }

    /**
     * Answers one operation's route once the caller's access is checked: one class for every operation, where a
     * lambda per operation would each load a class of its own at start-up.
     */
    private final class OperationHandler implements Handler {
        private final Operation operation;
        private final Set<String> scopes;

        OperationHandler(Operation operation, Set<String> scopes) {
            this.operation = operation;
            this.scopes = scopes;
        }

        @Override
        public HttpResponse handle(HttpRequest request) {
            Scope scope = scope(Access.check(request, scopes));
            return switch (operation) {
                case CREATE -> create(request, scope);
                case LIST -> list(request, scope);
                case READ -> read(request, scope);
                case REPLACE -> replace(request, scope);
                case PATCH -> patch(request, scope);
                case DELETE -> delete(request, scope);
            };
        }
    }

    /**
     * The caller's scope. An owner that could never be a key part is the credentials' fault, not the body's: it is a
     * 401 like a missing claim, rather than a 422 about an attribute the client never sent.
     */
    private Scope scope(Principal principal) {
        Optional<String> ownerAttribute = entity.ownerAttribute();
        if (ownerAttribute.isEmpty()) {
            return Scope.unscoped();
        }
        String owner = options.ownerClaim().map(claim -> principal.claim(claim).orElseThrow(() ->
                new UnauthorizedException("the token carries no '" + claim + "' claim"))).orElse(principal.subject());
        try {
            KeyParts.check(ownerAttribute.get(), owner);
        } catch (ValidationException e) {
            throw new UnauthorizedException("the token's " + options.ownerClaim().map(c -> "'" + c + "' claim")
                    .orElse("subject") + " cannot identify an owner");
        }
        return Scope.owner(owner);
    }

    private HttpResponse create(HttpRequest request, Scope scope) {
        Map<String, Object> path = pathKeys.values(request);
        T input = json.representation().model().with(json.read(request), path);
        // Without a key, a plain conditioned Put: a transaction would cost twice the write capacity for nothing.
        if (options.idempotency().isPresent() && request.header(Idempotency.KEY_HEADER).isPresent()) {
            return parent.isPresent()
                    ? IdempotentCreate.respond(options.idempotency().get(), repository, json, request, scope,
                            transaction -> parent.get().addCreate(transaction, scope, input, path),
                            parent.get()::createFailure)
                    : IdempotentCreate.respond(options.idempotency().get(), repository, json, request, scope, input);
        }
        return json.created(request, json.withJsonNames(() -> parent.isPresent()
                ? parent.get().create(scope, input, path) : repository.create(scope, input)));
    }

    private HttpResponse list(HttpRequest request, Scope scope) {
        Query.Builder query = options.listQuery().get();
        int limit = options.defaultPageSize();
        String cursor = null;
        String filterUsed = null;
        for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
            String name = parameter.getKey();
            if (parameter.getValue().size() != 1) {
                throw new BadRequestException(name, "must be given once");
            }
            String value = parameter.getValue().get(0);
            if (name.equals("limit")) {
                limit = limit(parameter.getValue());
            } else if (name.equals("cursor")) {
                cursor = value;
            } else if (options.listFilters().containsKey(name)) {
                if (filterUsed != null) {
                    throw new BadRequestException(name, "cannot be combined with " + filterUsed);
                }
                filterUsed = name;
                query = options.listFilters().get(name).queryFor(value);
            } else {
                throw new BadRequestException(name, "is not a known query parameter");
            }
        }
        if (filterUsed == null && listNeedsFilter) {
            throw new BadRequestException("give one of the query parameters " + options.listFilters().keySet());
        }
        Map<String, Object> path = pathKeys.values(request);
        path.forEach(query::within);
        Page<T> page;
        try {
            page = repository.query(scope, query.limit(limit).cursor(cursor).build());
        } catch (InvalidCursorException e) {
            throw new BadRequestException("cursor", "is invalid or belongs to another query");
        } catch (ValidationException e) {
            // A filter value that cannot be a key part is a bad query parameter, not a broken entity.
            if (filterUsed == null) {
                throw e;
            }
            throw new BadRequestException(filterUsed, e.violations().get(0).message());
        }
        // Children exist only under a parent that exists, so only an empty page needs the parent read.
        if (page.items().isEmpty() && parent.isPresent() && !parent.get().parentExists(scope, path)) {
            throw new ItemNotFoundException(parent.get().parent().entity().type());
        }
        return json.page(page);
    }

    /**
     * Reads an item, or the item with its first children when the request includes them: that answer has no ETag,
     * as it is more than the item, and the {@code limit} of a query string applies to the children.
     */
    private HttpResponse read(HttpRequest request, Scope scope) {
        if (request.query().containsKey("include")) {
            request.query().keySet().stream().filter(name -> !name.equals("include") && !name.equals("limit"))
                    .findFirst().ifPresent(name -> {
                        throw new BadRequestException(name, "is not known on a read that includes children;"
                                + " their list route takes it");
                    });
            int limit = request.query().containsKey("limit") ? limit(request.query().get("limit"))
                    : options.defaultPageSize();
            return includes.read(request, scope, key(request), limit, json.representation());
        }
        T item = repository.get(scope, key(request))
                .orElseThrow(() -> new ItemNotFoundException(entity.type()));
        Optional<String> etag = json.etag(item);
        Optional<String> ifNoneMatch = request.header("if-none-match");
        if (etag.isPresent() && ifNoneMatch.isPresent() && (ifNoneMatch.get().trim().equals("*")
                || List.of(ifNoneMatch.get().split(",")).stream().map(String::trim)
                        .anyMatch(tag -> tag.equals(etag.get()) || tag.equals("W/" + etag.get())))) {
            return HttpResponse.empty(304).withHeader("ETag", etag.get());
        }
        return json.response(200, item);
    }

    private HttpResponse replace(HttpRequest request, Scope scope) {
        return written(scope, request, json.readReplacement(request));
    }

    /** A patch of read-only fields only, or none, writes nothing: the repository answers the item as it is. */
    private HttpResponse patch(HttpRequest request, Scope scope) {
        return written(scope, request, json.readChanges(request));
    }

    private HttpResponse delete(HttpRequest request, Scope scope) {
        OptionalLong expectedVersion = expectedVersion(request, scope);
        if (parent.isPresent()) {
            parent.get().delete(scope, key(request), pathKeys.values(request), expectedVersion);
        } else if (childCounts.isEmpty()) {
            repository.delete(scope, key(request), expectedVersion);
        } else {
            Precondition precondition = expectedVersion.isPresent()
                    ? Precondition.version(expectedVersion.getAsLong()) : Precondition.none();
            try {
                repository.delete(scope, key(request), precondition.and(ParentLink.noChildren(childCounts)));
            } catch (ConditionFailedException e) {
                throw ParentLink.stillHasChildren(entity.type());
            }
        }
        return HttpResponse.empty(204);
    }

    /**
     * The item's key from the path: its id and the path's key attributes. A value that could never be a key part
     * names no item, so it is a 404 rather than a 422.
     */
    private Map<String, Object> key(HttpRequest request) {
        Map<String, Object> key = pathKeys.values(request);
        key.put(id, pathKeys.keyPart(id, request.pathParameter(id)));
        return key;
    }

    private HttpResponse written(Scope scope, HttpRequest request, Map<String, Object> changes) {
        OptionalLong expectedVersion = expectedVersion(request, scope);
        T item = json.withJsonNames(() -> repository.patch(scope, key(request), changes,
                expectedVersion));
        return json.response(200, item);
    }

    /**
     * Evaluates {@code If-Match} as RFC 9110 does. No header, or {@code *}, expects no version: every write needs the
     * item to exist, so {@code *} on a missing item is the 404 the request would get without it. {@code "3"} expects
     * version 3. A list holds when any of its strong tags is the stored version (section 13.1.1): the item is read
     * once, and the write expects the version it found. Weak tags, tags that hold no version, an unreadable header,
     * and any tag at all for an entity without versions never match: 412, unless the item does not exist, where the
     * precondition is ignored and the answer is 404 (section 13.2.1).
     */
    private OptionalLong expectedVersion(HttpRequest request, Scope scope) {
        Optional<String> ifMatch = request.header("if-match").map(String::trim);
        if (ifMatch.isEmpty() || ifMatch.get().equals("*")) {
            return OptionalLong.empty();
        }
        // The usual case, one strong tag of a version such as "3", without the regular expressions below.
        if (isQuotedVersion(ifMatch.get()) && entity.versionAttribute().isPresent()) {
            return OptionalLong.of(Long.parseLong(ifMatch.get().substring(1, ifMatch.get().length() - 1)));
        }
        List<String> strong = strongTags(ifMatch.get());
        if (strong.size() == 1 && entity.versionAttribute().isPresent()) {
            Matcher version = VERSION.matcher(strong.get(0));
            if (version.matches()) {
                return OptionalLong.of(Long.parseLong(version.group(1)));
            }
        }
        T stored = repository.get(scope, key(request)).orElseThrow(() -> new ItemNotFoundException(entity.type()));
        Optional<String> etag = json.etag(stored);
        if (etag.isPresent() && strong.contains(etag.get())) {
            return OptionalLong.of(Long.parseLong(etag.get().substring(1, etag.get().length() - 1)));
        }
        throw new VersionConflictException(entity.type());
    }

    /** Whether a tag is what {@link #VERSION} matches: a strong tag of 1 to 18 digits. */
    private static boolean isQuotedVersion(String tag) {
        int length = tag.length();
        if (length < 3 || length > 20 || tag.charAt(0) != '"' || tag.charAt(length - 1) != '"') {
            return false;
        }
        for (int i = 1; i < length - 1; i++) {
            if (tag.charAt(i) < '0' || tag.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The strong entity tags of an {@code If-Match} list, quotes included; none when the list cannot be read. */
    private static List<String> strongTags(String ifMatch) {
        List<String> strong = new ArrayList<>();
        Matcher tag = LISTED_TAG.matcher(ifMatch);
        int end = 0;
        while (tag.find() && tag.start() == end) {
            if (tag.group(1) == null) {
                strong.add(tag.group(2));
            }
            end = tag.end();
            if (tag.group(3).isEmpty()) {
                return end == ifMatch.length() ? strong : List.of();
            }
        }
        return List.of();
    }

    private int limit(List<String> values) {
        if (values.size() != 1) {
            throw new BadRequestException("limit", "must be given once");
        }
        String value = values.get(0);
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= options.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequestException("limit", "must be an integer from 1 to " + options.maxPageSize());
    }
}
