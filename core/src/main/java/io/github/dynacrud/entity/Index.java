package io.github.dynacrud.entity;

import java.util.Objects;

/**
 * A global secondary index an entity writes into: its name and the templates of its two key attributes, which are
 * named {@code <name>PK} and {@code <name>SK} in the table.
 *
 * @param name         the index name, such as {@code "GSI1"}
 * @param partitionKey the template of {@code <name>PK}
 * @param sortKey      the template of {@code <name>SK}
 */
public record Index(String name, KeyTemplate partitionKey, KeyTemplate sortKey) {
    /** Checks that every part is present. */
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
    }

    /**
     * Returns the table attribute holding this index's partition key.
     *
     * @return such as {@code "GSI1PK"}
     */
    public String partitionKeyAttribute() {
        return name + "PK";
    }

    /**
     * Returns the table attribute holding this index's sort key.
     *
     * @return such as {@code "GSI1SK"}
     */
    public String sortKeyAttribute() {
        return name + "SK";
    }
}
