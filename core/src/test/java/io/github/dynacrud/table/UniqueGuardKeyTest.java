package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.ValidationException;
import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

class UniqueGuardKeyTest {
    record Contact(String ownerId, String id, String email, Long version) {
        static final Entity<Contact> ENTITY = Entity.of(Contact.class).partitionKey("USER#{ownerId}")
                .sortKey("CONTACT#{id}").id("id").owner("ownerId").version("version").unique("email").build();
    }

    record Sku(String id, BigDecimal code, Long version) {
        static final Entity<Sku> ENTITY = Entity.of(Sku.class).partitionKey("SKU#{id}").sortKey("SKU")
                .id("id").version("version").unique("code").build();
    }

    record Member(String id, String email, Long version) {
        static final Entity<Member> ENTITY = Entity.of(Member.class).partitionKey("MEMBER#{id}").sortKey("MEMBER")
                .id("id").version("version").unique("email", email -> email.toLowerCase(Locale.ROOT)).build();
    }

    record Slugged(String id, String slug, Long version) {
        static final Entity<Slugged> ENTITY = Entity.of(Slugged.class).partitionKey("SLUG#{id}").sortKey("SLUG")
                .id("id").version("version").unique("slug", slug -> slug.replace('/', '#')).build();
    }

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final SingleTable table = SingleTable.builder().client(client).tableName("app").build();

    @Test
    void create_ownerScopedUniqueValue_guardsItPerOwner() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        table.repository(Contact.ENTITY).create(Scope.owner("alice"), new Contact(null, "c1", "x@example.com", null));

        // THEN
        assertThat(guardKeys()).containsExactly("UNIQUE#Contact#alice#email#x@example.com");
    }

    @Test
    void create_decimalUniqueValue_isGuardedAsDynamoDbStoresIt() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        table.repository(Sku.ENTITY).create(Scope.unscoped(), new Sku("s1", new BigDecimal("1.00"), null));

        // THEN: a later delete reads back 1, so the guard must be keyed by 1 too
        assertThat(guardKeys()).containsExactly("UNIQUE#Sku#code#1");
    }

    @Test
    void create_normalizedUniqueValue_guardsItsNormalFormAndStoresItAsGiven() {
        // GIVEN
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());

        // WHEN
        Member created = table.repository(Member.ENTITY).create(Scope.unscoped(),
                new Member("m1", "Ada@Example.COM", null));

        // THEN
        assertThat(created.email()).isEqualTo("Ada@Example.COM");
        assertThat(guardKeys()).containsExactly("UNIQUE#Member#email#ada@example.com");
    }

    @Test
    void create_normalizationThatAddsTheSeparator_isRefusedAndSendsNothing() {
        // WHEN / THEN
        assertThatThrownBy(() -> table.repository(Slugged.ENTITY).create(Scope.unscoped(),
                new Slugged("s1", "a/b", null)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("slug: must not contain '#'");
        verifyNoInteractions(client);
    }

    @Test
    void anyOperation_ownerScopeOnAnEntityWithoutOwner_isRefused() {
        // GIVEN
        EntityRepository<User> users = table.repository(User.ENTITY);

        // WHEN / THEN
        assertThatThrownBy(() -> users.get(Scope.owner("alice"), "u1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("User is not owner-scoped, so an owner scope would not restrict anything;"
                        + " pass Scope.unscoped()");
    }

    private java.util.List<String> guardKeys() {
        ArgumentCaptor<TransactWriteItemsRequest> request = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(client).transactWriteItems(request.capture());
        return request.getValue().transactItems().stream().map(TransactWriteItem::put)
                .map(put -> put.item().get("PK").s()).filter(pk -> pk.startsWith("UNIQUE#")).toList();
    }
}
