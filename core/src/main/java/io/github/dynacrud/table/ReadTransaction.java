package io.github.dynacrud.table;

import io.github.dynacrud.internal.AwsFailures;
import io.github.dynacrud.internal.Backoff;
import io.github.dynacrud.internal.Transactions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Reads of items of any entity types of one table as of one moment, in one {@code TransactGetItems}: no write
 * commits between them. Each read takes its caller's scope; an item of another owner or type reads as missing. Get
 * one from {@link SingleTable#readTransaction()}.
 *
 * <pre>{@code
 * ReadTransaction read = table.readTransaction();
 * ReadTransaction.Item<Todo> todo = read.get(todos, scope, todoId);
 * ReadTransaction.Item<Project> project = read.get(projects, scope, projectId);
 * ReadTransaction.Result result = read.run();
 * Optional<Todo> found = result.get(todo);
 * }</pre>
 */
public final class ReadTransaction {
    /** The most items DynamoDB reads in one transaction. */
    public static final int MAX_ITEMS = 100;

    private final SingleTable table;
    private final List<TransactGetItem> gets = new ArrayList<>();
    private final List<EntityRepository<?>> repositories = new ArrayList<>();
    private final Set<Map<String, AttributeValue>> keys = new HashSet<>();

    ReadTransaction(SingleTable table) {
        this.table = table;
    }

    /**
     * The place of one item in a read transaction, to find it in the {@link Result}.
     *
     * @param <T> the record type
     */
    public static final class Item<T extends Record> {
        private final ReadTransaction transaction;
        private final int index;
        private final EntityRepository<T> repository;

        private Item(ReadTransaction transaction, int index, EntityRepository<T> repository) {
            this.transaction = transaction;
            this.index = index;
            this.repository = repository;
        }
    }

    /** What a read transaction found, typed per item and in the order asked. */
    public static final class Result {
        private final ReadTransaction transaction;
        private final List<Optional<? extends Record>> items;

        private Result(ReadTransaction transaction, List<Optional<? extends Record>> items) {
            this.transaction = transaction;
            this.items = List.copyOf(items);
        }

        /**
         * Returns one item.
         *
         * @param item the item, as its read was added
         * @param <T>  the record type
         * @return the item, or empty when it does not exist for the caller
         * @throws IllegalArgumentException when the item was added to another read transaction
         */
        public <T extends Record> Optional<T> get(Item<T> item) {
            if (item.transaction != transaction) {
                throw new IllegalArgumentException("this item (" + item.repository.entity().type() + ") was added to"
                        + " another read transaction than the one that gave this result");
            }
            return items.get(item.index).map(item.repository.entity().recordType()::cast);
        }

        /** @return every item, in the order asked, empty where missing */
        public List<Optional<? extends Record>> items() {
            return items;
        }
    }

    /**
     * Adds a read by id.
     *
     * @param repository the item's repository, of this table
     * @param scope      the caller's scope
     * @param id         the value of the entity's id attribute
     * @param <T>        the record type
     * @return the item's place, to find it in the result
     */
    public <T extends Record> Item<T> get(EntityRepository<T> repository, Scope scope, String id) {
        return get(repository, scope, repository.idKey(id));
    }

    /**
     * Adds a read by the values of the key attributes.
     *
     * @param repository the item's repository, of this table
     * @param scope      the caller's scope
     * @param key        a value for every key attribute except the owner
     * @param <T>        the record type
     * @return the item's place, to find it in the result
     * @throws IllegalStateException    when the transaction already reads {@value #MAX_ITEMS} items
     * @throws IllegalArgumentException when it already reads this item
     */
    public <T extends Record> Item<T> get(EntityRepository<T> repository, Scope scope, Map<String, ?> key) {
        if (repository.table() != table) {
            throw new IllegalArgumentException("the repository of " + repository.entity().type()
                    + " belongs to another table than this transaction");
        }
        if (gets.size() == MAX_ITEMS) {
            throw new IllegalStateException("a read transaction reads at most " + MAX_ITEMS + " items");
        }
        Map<String, AttributeValue> primaryKey = repository.key(scope, key);
        if (!keys.add(Map.copyOf(primaryKey))) {
            throw new IllegalArgumentException("read " + gets.size() + " (" + repository.entity().type()
                    + ") reads an item that an earlier read reads too; DynamoDB reads each item once");
        }
        gets.add(TransactGetItem.builder().get(g -> g.tableName(table.tableName()).key(primaryKey)).build());
        repositories.add(repository);
        return new Item<>(this, gets.size() - 1, repository);
    }

    /**
     * Reads the items. A conflict with a write transaction on the same items is retried after a short jittered
     * pause, a bounded number of times.
     *
     * @return the items found
     * @throws io.github.dynacrud.RetryableException when conflicts or throttling persist
     * @throws IllegalStateException when nothing is to be read
     */
    public Result run() {
        if (gets.isEmpty()) {
            throw new IllegalStateException("a read transaction without reads has nothing to run");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                List<ItemResponse> responses = table.client().transactGetItems(r -> r.transactItems(gets))
                        .responses();
                List<Optional<? extends Record>> items = new ArrayList<>();
                for (int i = 0; i < gets.size(); i++) {
                    items.add(repositories.get(i).mapping().fromItem(responses.get(i).item()));
                }
                return new Result(this, items);
            } catch (TransactionCanceledException e) {
                Transactions.retryOnlyConflicts("TransactGetItems", e);
                Backoff.pause(attempt, "DynamoDB TransactGetItems conflicted with a write transaction");
            } catch (SdkException e) {
                throw AwsFailures.translate("TransactGetItems", e);
            }
        }
    }
}
