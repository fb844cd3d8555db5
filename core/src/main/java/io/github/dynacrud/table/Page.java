package io.github.dynacrud.table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query: its items and, when more may follow, the cursor of the next page. A page can hold fewer items
 * than the limit (or none) while a next cursor is still present; stop when there is no cursor.
 *
 * @param items      the items, in the query's order
 * @param nextCursor the opaque cursor of the next page, or empty on the last page
 * @param <T>        the record type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    /** Copies the items and checks that both parts are present. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
