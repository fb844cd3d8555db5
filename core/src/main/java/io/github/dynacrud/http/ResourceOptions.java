package io.github.dynacrud.http;

import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Query;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * How {@link Router.Builder#resource} mounts an entity: which operations, the scopes each requires, the claim that
 * names the owner, page sizes, the list filters a query string may use, and the children a read may include.
 *
 * <pre>{@code
 * ResourceOptions options = ResourceOptions.builder()
 *         .listFilter("done", Boolean.class, done -> Query.index("GSI1")
 *                 .sortKey(SortKeyCondition.beginsWith(Map.of("done", done))))
 *         .scopes(ResourceOptions.Operation.DELETE, "todos:delete")
 *         .build();
 * }</pre>
 */
public final class ResourceOptions {
    /** The page size when a list request gives no {@code limit}. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** The largest {@code limit} a list request may ask for by default. */
    public static final int DEFAULT_MAX_PAGE_SIZE = 100;

    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** How list filter values are read from the query string, by type; enums are read by name. */
    private static final Map<Class<?>, Function<String, Object>> FILTER_PARSERS = Map.of(
            String.class, text -> text,
            Boolean.class, Boolean::valueOf,
            Integer.class, Integer::valueOf,
            Long.class, Long::valueOf,
            LocalDate.class, LocalDate::parse);
    private static final ResourceOptions DEFAULTS = builder().build();

    /** The operations a resource can mount. */
    public enum Operation {
        /** {@code POST /things}. */
        CREATE,
        /** {@code GET /things}. */
        LIST,
        /** {@code GET /things/{id}}. */
        READ,
        /** {@code PUT /things/{id}}. */
        REPLACE,
        /** {@code PATCH /things/{id}}. */
        PATCH,
        /** {@code DELETE /things/{id}}. */
        DELETE
    }

    /**
     * A query string parameter of list requests that selects a key query, never a scan.
     *
     * @param parameter the query parameter, such as {@code "done"}
     * @param type      the value's type: String, Boolean, Integer, Long, LocalDate or an enum
     * @param query     makes the query from the parsed value; the resource adds limit and cursor
     * @param <V>       the value's type
     */
    public record ListFilter<V>(String parameter, Class<V> type, Function<V, Query.Builder> query) {
        /** Checks the parts. */
        public ListFilter {
            Objects.requireNonNull(parameter, "parameter");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(query, "query");
        }

        /**
         * Reads a query string value and makes the key query from it. Only reading the value is the client's
         * concern: whatever the query function throws is the application's failure, answered as such (a 500 for an
         * unexpected exception).
         *
         * <pre>{@code
         * Query.Builder query = options.listFilters().get("done").queryFor("true");
         * }</pre>
         *
         * @param text the parameter's decoded value
         * @return the query, without limit and cursor
         * @throws BadRequestException naming the parameter when the value is not of the filter's type
         * @throws NullPointerException when the query function returns no query
         */
        public Query.Builder queryFor(String text) {
            return Objects.requireNonNull(query.apply(parse(text)), () -> "list filter '" + parameter
                    + "' returned no query");
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private V parse(String text) {
            if (type == Boolean.class && !text.equals("true") && !text.equals("false")) {
                throw new BadRequestException(parameter, "must be true or false");
            }
            try {
                Object value = type.isEnum() ? Enum.valueOf((Class) type, text) : FILTER_PARSERS.get(type).apply(text);
                return type.cast(value);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new BadRequestException(parameter, "must be a valid " + type.getSimpleName());
            }
        }
    }

    /**
     * The parent a nested resource's items belong to, and the attribute of the parent that counts them.
     *
     * @param repository the parent's repository, of the same table
     * @param count      a number attribute of the parent, such as {@code "noteCount"}
     */
    public record Parent(EntityRepository<?> repository, String count) {
        /** Checks the parts. */
        public Parent {
            Objects.requireNonNull(repository, "parent repository");
            Objects.requireNonNull(count, "parent count attribute");
        }
    }

    private final Set<Operation> operations;
    private final Map<Operation, Set<String>> scopes;
    private final String ownerClaim;
    private final int defaultPageSize;
    private final int maxPageSize;
    private final Map<String, ListFilter<?>> listFilters;
    private final Map<String, EntityRepository<?>> includes;
    private final Supplier<Query.Builder> listQuery;
    private final Idempotency idempotency;
    private final Parent parent;

    private ResourceOptions(Builder b) {
        this.operations = Set.copyOf(b.operations);
        this.scopes = Map.copyOf(b.scopes);
        this.ownerClaim = b.ownerClaim;
        this.defaultPageSize = b.defaultPageSize;
        this.maxPageSize = b.maxPageSize;
        this.listFilters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.listFilters));
        this.includes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.includes));
        this.listQuery = b.listQuery;
        this.idempotency = b.idempotency;
        this.parent = b.parent;
    }

    /** @return every operation, no scopes, the owner from the subject, pages of 20 up to 100, no filters */
    public static ResourceOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the operations to mount */
    public Set<Operation> operations() {
        return operations;
    }

    /**
     * Returns the scopes one operation requires.
     *
     * @param operation the operation
     * @return its scopes, possibly none
     */
    public Set<String> scopes(Operation operation) {
        return scopes.getOrDefault(operation, Set.of());
    }

    /** @return the claim naming the owner, or empty for the principal's subject */
    public Optional<String> ownerClaim() {
        return Optional.ofNullable(ownerClaim);
    }

    /** @return the page size when none is asked for */
    public int defaultPageSize() {
        return defaultPageSize;
    }

    /** @return the largest page size a request may ask for */
    public int maxPageSize() {
        return maxPageSize;
    }

    /** @return the list filters by query parameter */
    public Map<String, ListFilter<?>> listFilters() {
        return listFilters;
    }

    /** @return makes the query of a list request without list filter; {@code Query::table} by default */
    public Supplier<Query.Builder> listQuery() {
        return listQuery;
    }

    /** @return the child repositories a read may include, by the name {@code include=} gives them */
    public Map<String, EntityRepository<?>> includes() {
        return includes;
    }

    /**
     * Returns how {@code POST} honours the {@code Idempotency-Key} header.
     *
     * @return the idempotency, or empty when creates ignore the header
     */
    public Optional<Idempotency> idempotency() {
        return Optional.ofNullable(idempotency);
    }

    /** @return the parent the items belong to, if one is named */
    public Optional<Parent> parent() {
        return Optional.ofNullable(parent);
    }

    /** Collects a resource's options. */
    public static final class Builder {
        private Set<Operation> operations = EnumSet.allOf(Operation.class);
        private final Map<Operation, Set<String>> scopes = new EnumMap<>(Operation.class);
        private String ownerClaim;
        private int defaultPageSize = DEFAULT_PAGE_SIZE;
        private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;
        private final Map<String, ListFilter<?>> listFilters = new LinkedHashMap<>();
        private final Map<String, EntityRepository<?>> includes = new LinkedHashMap<>();
        private Supplier<Query.Builder> listQuery = Query::table;
        private Idempotency idempotency;
        private Parent parent;

        private Builder() {
        }

        /**
         * Mounts only these operations.
         *
         * @param mounted at least one operation
         * @return this builder
         */
        public Builder operations(Operation... mounted) {
            if (mounted.length == 0) {
                throw new IllegalArgumentException("a resource needs at least one operation");
            }
            this.operations = EnumSet.of(mounted[0], mounted);
            return this;
        }

        /**
         * Requires scopes for one operation (403 without them).
         *
         * @param operation the operation
         * @param required  such as {@code "todos:write"}
         * @return this builder
         */
        public Builder scopes(Operation operation, String... required) {
            scopes.put(Objects.requireNonNull(operation, "operation"), Set.of(required));
            return this;
        }

        /**
         * Takes the owner from a claim of the principal instead of its subject.
         *
         * @param claim such as {@code "custom:tenantId"}
         * @return this builder
         */
        public Builder ownerClaim(String claim) {
            this.ownerClaim = Objects.requireNonNull(claim, "claim");
            return this;
        }

        /**
         * Sets the page sizes of list requests.
         *
         * @param defaultSize the size when none is asked for
         * @param maxSize     the largest size a request may ask for, at most {@value Query#MAX_LIMIT}
         * @return this builder
         */
        public Builder pageSizes(int defaultSize, int maxSize) {
            if (defaultSize < 1 || defaultSize > maxSize || maxSize > Query.MAX_LIMIT) {
                throw new IllegalArgumentException("page sizes need 1 <= default (" + defaultSize + ") <= max ("
                        + maxSize + ") <= " + Query.MAX_LIMIT);
            }
            this.defaultPageSize = defaultSize;
            this.maxPageSize = maxSize;
            return this;
        }

        /**
         * Adds a list filter: {@code GET /things?parameter=value} runs the query made from the value.
         *
         * @param parameter the query parameter
         * @param type      the value's type: String, Boolean, Integer, Long, LocalDate or an enum
         * @param query     makes the key query from the value
         * @param <V>       the value's type
         * @return this builder
         */
        public <V> Builder listFilter(String parameter, Class<V> type, Function<V, Query.Builder> query) {
            if (parameter == null || !PARAMETER.matcher(parameter).matches()
                    || Set.of("limit", "cursor").contains(parameter) || listFilters.containsKey(parameter)) {
                throw new IllegalArgumentException("list filter parameter '" + parameter
                        + "' must be a new name other than limit and cursor");
            }
            if (!FILTER_PARSERS.containsKey(type) && !type.isEnum()) {
                throw new IllegalArgumentException("list filter '" + parameter + "' has type " + type.getSimpleName()
                        + "; use String, Boolean, Integer, Long, LocalDate or an enum");
            }
            listFilters.put(parameter, new ListFilter<>(parameter, type, query));
            return this;
        }

        /**
         * Sets the key query of list requests that use no list filter, such as an index that holds parents without
         * their children; the resource adds the path's values, limit and cursor. The table's partition by default.
         *
         * <pre>{@code
         * ResourceOptions.builder().listQuery(() -> Query.index("GSI1")).build();
         * }</pre>
         *
         * @param query makes the query; called once when the router is built, to check it, then once per list
         * @return this builder
         */
        public Builder listQuery(Supplier<Query.Builder> query) {
            this.listQuery = Objects.requireNonNull(query, "list query");
            return this;
        }

        /**
         * Lets a read include the first page of the item's children: {@code GET /notebooks/nb1?include=notes}
         * answers the notebook's JSON plus {@code "notes": {"items": [...], "nextCursor": ...}}, read in one Query
         * with it ({@code limit} applies to the children); the cursor continues on the children's list route, such
         * as {@code GET /notebooks/nb1/notes?cursor=...}. The children share the item's partition and sort key prefix
         * (see {@link io.github.dynacrud.table.ItemCollection}), and the item's own sort key sorts before theirs;
         * the router refuses them otherwise when it is built.
         *
         * <pre>{@code
         * ResourceOptions.builder().include("notes", notes).build();
         * }</pre>
         *
         * @param name     the value of {@code include=}, also the field of the children in the answer
         * @param children the children's repository, of the same table
         * @return this builder
         */
        public Builder include(String name, EntityRepository<?> children) {
            if (name == null || !PARAMETER.matcher(name).matches() || includes.containsKey(name)) {
                throw new IllegalArgumentException("include '" + name + "' must be a new name of letters, digits or"
                        + " '_', starting with a letter");
            }
            includes.put(name, Objects.requireNonNull(children, "children of include '" + name + "'"));
            return this;
        }

        /**
         * Makes {@code POST} honour the {@code Idempotency-Key} header: the created item and an idempotency record of
         * its response are written in one transaction, and a repeat answers that response again.
         *
         * @param idempotency where the records go, and for how long
         * @return this builder
         */
        public Builder idempotency(Idempotency idempotency) {
            this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
            return this;
        }

        /**
         * Names the parent of a nested resource's items: a child is created only under a parent that exists for the
         * caller (404 otherwise), and the parent keeps a count of its children, updated in the same transaction as
         * each child's create and delete. The parent's resource, mounted in the same router, refuses to delete a
         * parent whose count is not zero (409) and ignores the count in bodies. The router refuses, when it is built,
         * a parent whose key the child's path values and owner do not give, and a count that is not a number
         * attribute of the parent.
         *
         * <pre>{@code
         * Router.builder()
         *         .resource("/notebooks", notebooks)
         *         .resource("/notebooks/{notebookId}/notes", notes, ResourceOptions.builder()
         *                 .parent(notebooks, "noteCount")
         *                 .build())
         *         .build();
         * }</pre>
         *
         * @param repository the parent's repository, of the same table
         * @param count      the parent's int, Integer, long or Long attribute that counts these children
         * @return this builder
         */
        public Builder parent(EntityRepository<?> repository, String count) {
            this.parent = new Parent(repository, count);
            return this;
        }

        /** @return the options */
        public ResourceOptions build() {
            if (idempotency != null && !operations.contains(Operation.CREATE)) {
                throw new IllegalArgumentException("idempotency applies to CREATE, which these options leave out");
            }

            return new ResourceOptions(this);
        }
    }
}
