package io.github.dynacrud.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an {@link ItemCollection}: the values of the key its members share, the page size and the cursor of a
 * previous page.
 *
 * <pre>{@code
 * CollectionQuery query = CollectionQuery.builder().value("notebookId", "nb1").limit(50).build();
 * }</pre>
 */
public final class CollectionQuery {
    private final Map<String, Object> values;
    private final int limit;
    private final String cursor;

    private CollectionQuery(Builder b) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
        this.limit = b.limit;
        this.cursor = b.cursor;
    }

    /** @return a builder of a first page of {@value Query#DEFAULT_LIMIT} items */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the shared key values, by the name any member gives them */
    public Map<String, Object> values() {
        return values;
    }

    /** @return how many items the page reads at most, skipped ones included */
    public int limit() {
        return limit;
    }

    /** @return the cursor of the previous page, when this is not the first */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }

    /** Collects a collection query's options. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private int limit = Query.DEFAULT_LIMIT;
        private String cursor;

        private Builder() {
        }

        /**
         * Gives the value of a placeholder the members share, under the name any member has for it; the owner comes
         * from the scope instead.
         *
         * @param attribute such as {@code "notebookId"} (a note's name) or {@code "id"} (a notebook's)
         * @param value     its value
         * @return this builder
         */
        public Builder value(String attribute, Object value) {
            values.put(Objects.requireNonNull(attribute, "attribute"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the page size.
         *
         * @param limit 1 to {@value Query#MAX_LIMIT}; {@value Query#DEFAULT_LIMIT} when not set
         * @return this builder
         */
        public Builder limit(int limit) {
            if (limit < 1 || limit > Query.MAX_LIMIT) {
                throw new IllegalArgumentException("limit " + limit + " is not between 1 and " + Query.MAX_LIMIT);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Continues after a previous page of the same collection query.
         *
         * @param cursor the previous page's next cursor, or {@code null} for the first page
         * @return this builder
         */
        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        /** @return the query */
        public CollectionQuery build() {
            return new CollectionQuery(this);
        }
    }
}
