package io.github.dynacrud.local;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.Index;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * Creates a single table for tests, local development and docs: {@code PK}/{@code SK} strings, one global secondary
 * index (projection ALL) per index name the entities use, on-demand billing, and time to live on the entities'
 * TTL attribute. Production tables belong in infrastructure templates.
 *
 * <pre>{@code
 * LocalTable.create(dynamoDb, "app", TODO, USER);
 * }</pre>
 */
public final class LocalTable {
    private LocalTable() {
    }

    /**
     * Creates the table unless a table of that name exists, then waits until it is active.
     *
     * @param client    the DynamoDB client
     * @param tableName the table name
     * @param entities  the entity types the table will hold
     * @return {@code true} when the table was created, {@code false} when it already existed
     * @throws IllegalArgumentException when entities declare different TTL attributes
     */
    public static boolean create(DynamoDbClient client, String tableName, Entity<?>... entities) {
        Set<String> indexNames = new TreeSet<>();
        Set<String> ttlAttributes = new TreeSet<>();
        for (Entity<?> entity : entities) {
            entity.indexes().stream().map(Index::name).forEach(indexNames::add);
            entity.ttlAttribute().ifPresent(ttlAttributes::add);
        }
        if (ttlAttributes.size() > 1) {
            throw new IllegalArgumentException("a table has one time-to-live attribute; the entities declare "
                    + ttlAttributes);
        }
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(
                stringAttribute(Entity.PARTITION_KEY), stringAttribute(Entity.SORT_KEY)));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (String name : indexNames) {
            attributes.add(stringAttribute(name + "PK"));
            attributes.add(stringAttribute(name + "SK"));
            indexes.add(GlobalSecondaryIndex.builder().indexName(name)
                    .keySchema(key(name + "PK", KeyType.HASH), key(name + "SK", KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.ALL)).build());
        }
        try {
            client.createTable(CreateTableRequest.builder().tableName(tableName)
                    .attributeDefinitions(attributes)
                    .keySchema(key(Entity.PARTITION_KEY, KeyType.HASH), key(Entity.SORT_KEY, KeyType.RANGE))
                    .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .build());
        } catch (ResourceInUseException e) {
            return false;
        }
        try (DynamoDbWaiter waiter = client.waiter()) {
            waiter.waitUntilTableExists(DescribeTableRequest.builder().tableName(tableName).build());
        }
        Optional<String> ttl = ttlAttributes.stream().findFirst();
        ttl.ifPresent(attribute -> client.updateTimeToLive(UpdateTimeToLiveRequest.builder().tableName(tableName)
                .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)).build()));
        return true;
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
