package io.github.dynacrud.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a key query over an entity's items: the table's partition (a list) or a named index, an optional sort
 * key condition, the page size, the direction and the cursor of a previous page. Never a scan.
 *
 * <pre>{@code
 * Page<Todo> page = todos.query(scope, Query.table().limit(25).build());
 * Page<Todo> open = todos.query(scope, Query.index("GSI1")
 *         .sortKey(SortKeyCondition.beginsWith(Map.of("done", false)))
 *         .cursor(page.nextCursor().orElse(null))
 *         .build());
 * }</pre>
 */
public final class Query {
    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest page size. */
    public static final int MAX_LIMIT = 1000;

    private final String index;
    private final Map<String, Object> partition;
    private final Map<String, Object> within;
    private final SortKeyCondition sortKey;
    private final int limit;
    private final boolean descending;
    private final String cursor;
    private final Condition filter;

    private Query(Builder b) {
        this.index = b.index;
        this.partition = Collections.unmodifiableMap(new LinkedHashMap<>(b.partition));
        this.within = Collections.unmodifiableMap(new LinkedHashMap<>(b.within));
        this.sortKey = b.sortKey;
        this.limit = b.limit;
        this.descending = b.descending;
        this.cursor = b.cursor;
        this.filter = b.filter;
    }

    /**
     * Starts a query of the entity's own partition, in sort key order: a list.
     *
     * @return a builder
     */
    public static Builder table() {
        return new Builder(null);
    }

    /**
     * Starts a query of a global secondary index.
     *
     * @param name the index name, such as {@code "GSI1"}
     * @return a builder
     */
    public static Builder index(String name) {
        return new Builder(Objects.requireNonNull(name, "index name"));
    }

    /** @return the index name, or empty for the table */
    public Optional<String> index() {
        return Optional.ofNullable(index);
    }

    /** @return values of the partition key's placeholders, beside the owner taken from the scope */
    public Map<String, Object> partition() {
        return partition;
    }

    /** @return values of key attributes that bound the query, by attribute; see {@link Builder#within} */
    public Map<String, Object> within() {
        return within;
    }

    /** @return the sort key condition, when one is given */
    public Optional<SortKeyCondition> sortKey() {
        return Optional.ofNullable(sortKey);
    }

    /** @return the page size */
    public int limit() {
        return limit;
    }

    /** @return whether items come in descending sort key order */
    public boolean descending() {
        return descending;
    }

    /** @return the cursor of the previous page, when this is not the first */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** @return the filter applied to the items read, when one is given */
    public Optional<Condition> filter() {
        return Optional.ofNullable(filter);
    }

    /** Collects a query's options. */
    public static final class Builder {
        private final String index;
        private final Map<String, Object> partition = new LinkedHashMap<>();
        private final Map<String, Object> within = new LinkedHashMap<>();
        private SortKeyCondition sortKey;
        private int limit = DEFAULT_LIMIT;
        private boolean descending;
        private String cursor;
        private Condition filter;

        private Builder(String index) {
            this.index = index;
        }

        /**
         * Gives the value of one partition key placeholder; the owner always comes from the scope instead.
         *
         * @param attribute the placeholder's attribute, such as {@code "email"}
         * @param value     its value
         * @return this builder
         */
        public Builder partition(String attribute, Object value) {
            partition.put(Objects.requireNonNull(attribute, "attribute"), value);
            return this;
        }

        /**
         * Bounds the query to the items whose key attribute has this value, wherever the queried keys hold it: it
         * fills the partition key's placeholder, or leads the sort key condition (which, when none is given, becomes
         * a {@code begins_with} of the values). A nested resource bounds its lists by the values of its path this way.
         *
         * <pre>{@code
         * Page<Note> notes = repository.query(scope, Query.table().within("notebookId", "nb1").build());
         * }</pre>
         *
         * @param attribute a key attribute, such as {@code "notebookId"}
         * @param value     its value
         * @return this builder
         */
        public Builder within(String attribute, Object value) {
            within.put(Objects.requireNonNull(attribute, "attribute"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Narrows the query by sort key.
         *
         * @param condition the condition, or {@code null} for none
         * @return this builder
         */
        public Builder sortKey(SortKeyCondition condition) {
            this.sortKey = condition;
            return this;
        }

        /**
         * Sets the page size.
         *
         * @param limit 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} when not set
         * @return this builder
         */
        public Builder limit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit " + limit + " is not between 1 and " + MAX_LIMIT);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Returns items in descending sort key order.
         *
         * @return this builder
         */
        public Builder descending() {
            this.descending = true;
            return this;
        }

        /**
         * Continues after a previous page of the same query.
         *
         * @param cursor the previous page's next cursor, or {@code null} for the first page
         * @return this builder
         */
        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        /**
         * Keeps only the items that meet a condition ({@code FilterExpression}). DynamoDB applies it after reading a
         * page: the skipped items cost read capacity all the same, and a page can hold fewer items than the limit, or
         * none, while a next cursor remains.
         *
         * @param condition the condition, checked against the entity's record when the query runs; {@code null} for
         *                  none
         * @return this builder
         */
        public Builder filter(Condition condition) {
            this.filter = condition;
            return this;
        }

        /** @return the query */
        public Query build() {
            return new Query(this);
        }
    }
}
