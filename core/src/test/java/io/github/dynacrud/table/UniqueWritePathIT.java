package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The read-then-write path of an entity with unique attributes, against DynamoDB Local: it keeps attributes the
 * record does not model, as the plain {@code UpdateItem} path does, and compares normalized unique values.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class UniqueWritePathIT {
    private static final Scope ANYONE = Scope.unscoped();

    /** A member whose emails are compared without case. */
    public record Member(String id, String email, Long version) {
        static final Entity<Member> ENTITY = Entity.of(Member.class).partitionKey("MEMBER#{id}").sortKey("MEMBER")
                .id("id").version("version").unique("email", email -> email.toLowerCase(Locale.ROOT)).build();
    }

    private DynamoDbClient dynamoDb;
    private String tableName;
    private SingleTable table;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        dynamoDb = client;
        tableName = DynamoDbLocalExtension.uniqueTableName("unique-path");
        LocalTable.create(client, tableName, User.ENTITY, Member.ENTITY);
        table = SingleTable.builder().client(client).tableName(tableName).build();
    }

    @Test
    void replaceAndPatch_ofAUserWithAnAttributeTheRecordDoesNotModel_keepIt() {
        // GIVEN a user, and an attribute another writer added with the raw client
        EntityRepository<User> users = table.repository(User.ENTITY);
        User ada = users.create(ANYONE, User.of("ada@example.com", "Ada"));
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("USER#" + ada.id()),
                "SK", AttributeValue.fromS("PROFILE"));
        dynamoDb.updateItem(r -> r.tableName(tableName).key(key).updateExpression("SET legacyScore = :score")
                .expressionAttributeValues(Map.of(":score", AttributeValue.fromN("7"))));

        // WHEN the email moves by a replace (a transaction), then by a patch, then the name by a plain patch
        User replaced = users.replace(ANYONE, new User(ada.id(), "ada@example.org", "Ada", null, null, null, null));
        User patched = users.patch(ANYONE, ada.id(), Map.of("email", "ada@example.net"));
        User renamed = users.patch(ANYONE, ada.id(), Map.of("name", "Ada L."));

        // THEN every write kept it, and the item is as the repository answered
        Map<String, AttributeValue> stored = dynamoDb.getItem(r -> r.tableName(tableName).key(key)).item();
        assertThat(stored.get("legacyScore")).isEqualTo(AttributeValue.fromN("7"));
        assertThat(List.of(replaced.version(), patched.version(), renamed.version())).containsExactly(2, 3, 4);
        assertThat(users.get(ANYONE, ada.id())).contains(renamed);
        assertThat(renamed.email()).isEqualTo("ada@example.net");
        assertThat(guards()).containsExactly("UNIQUE#User#email#ada@example.net");
    }

    @Test
    void normalizedUniqueValues_collideWhateverTheCase_andKeepTheValueAsGiven() {
        // GIVEN
        EntityRepository<Member> members = table.repository(Member.ENTITY);
        Member first = members.create(ANYONE, new Member("m1", "A@x.com", null));

        // WHEN
        UniqueConstraintException taken = assertThatExceptionOfType(UniqueConstraintException.class)
                .isThrownBy(() -> members.create(ANYONE, new Member("m2", "a@X.COM", null))).actual();
        Member recased = members.patch(ANYONE, "m1", Map.of("email", "a@x.com"));

        // THEN the same member may change the case of its own email, which keeps one guard
        assertThat(taken.attribute()).isEqualTo("email");
        assertThat(first.email()).isEqualTo("A@x.com");
        assertThat(recased.email()).isEqualTo("a@x.com");
        assertThat(members.get(ANYONE, "m2")).isEmpty();
        assertThat(guards()).containsExactly("UNIQUE#Member#email#a@x.com");
    }

    private List<String> guards() {
        return dynamoDb.scan(r -> r.tableName(tableName)).items().stream().map(item -> item.get("PK").s())
                .filter(pk -> pk.startsWith("UNIQUE#")).toList();
    }
}
