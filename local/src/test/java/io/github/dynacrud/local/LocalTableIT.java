package io.github.dynacrud.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

@ExtendWith(DynamoDbLocalExtension.class)
class LocalTableIT {
    record Session(String id, Instant expiresAt) {
        static final Entity<Session> ENTITY = Entity.of(Session.class).partitionKey("SESSION#{id}").sortKey("SESSION")
                .id("id").ttl("expiresAt").build();
    }

    record Token(String id, Long validUntil) {
        static final Entity<Token> ENTITY = Entity.of(Token.class).partitionKey("TOKEN#{id}").sortKey("TOKEN")
                .id("id").ttl("validUntil").build();
    }

    @Test
    void create_makesKeysIndexesAndTimeToLive(DynamoDbClient client) {
        // GIVEN
        String name = DynamoDbLocalExtension.uniqueTableName("local");

        // WHEN
        boolean created = LocalTable.create(client, name, Todo.ENTITY, User.ENTITY, Everything.ENTITY);

        // THEN
        assertThat(created).isTrue();
        TableDescription table = client.describeTable(r -> r.tableName(name)).table();
        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName, k -> k.keyType().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PK", "HASH"),
                        org.assertj.core.groups.Tuple.tuple("SK", "RANGE"));
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactly("GSI1");
        assertThat(table.globalSecondaryIndexes().get(0).keySchema()).extracting(KeySchemaElement::attributeName)
                .containsExactly("GSI1PK", "GSI1SK");
        assertThat(client.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription().attributeName())
                .isEqualTo("expiresAt");
    }

    @Test
    void create_twice_leavesTheTableAsItIs(DynamoDbClient client) {
        // GIVEN
        String name = DynamoDbLocalExtension.uniqueTableName("local");
        LocalTable.create(client, name, Todo.ENTITY);
        client.putItem(r -> r.tableName(name).item(java.util.Map.of(
                "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("A"),
                "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("B"))));

        // WHEN
        boolean createdAgain = LocalTable.create(client, name, Todo.ENTITY);

        // THEN
        assertThat(createdAgain).isFalse();
        assertThat(client.scan(r -> r.tableName(name)).count()).isEqualTo(1);
    }

    @Test
    void create_withTwoTimeToLiveAttributes_isRefused(DynamoDbClient client) {
        assertThatThrownBy(() -> LocalTable.create(client, "two-ttls", Session.ENTITY, Token.ENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a table has one time-to-live attribute; the entities declare [expiresAt, validUntil]");
    }
}
