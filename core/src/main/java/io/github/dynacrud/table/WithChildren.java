package io.github.dynacrud.table;

import java.util.Objects;

/**
 * An item and the first page of its children, read together by {@link ParentAndChildren#read}.
 *
 * @param parent   the parent item
 * @param children the first page of its children; the cursor continues a {@link Query} of the children's type
 * @param <P>      the parent's record type
 * @param <C>      the children's record type
 */
public record WithChildren<P extends Record, C extends Record>(P parent, Page<C> children) {
    /** Checks the parts. */
    public WithChildren {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(children, "children");
    }
}
