package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code Query.within} against DynamoDB Local: a value filling the sort key's last placeholder matches it only. */
@ExtendWith(DynamoDbLocalExtension.class)
class QueryWithinIT {
    /** A pin whose sort key ends with the notebook's id. */
    record Pin(String ownerId, String id, String notebookId) {
        static final Entity<Pin> ENTITY = Entity.of(Pin.class).type("Pin").partitionKey("USER#{ownerId}#PIN#{id}")
                .sortKey("NOTEBOOK#{notebookId}").id("id").owner("ownerId").build();
    }

    @Test
    void within_lastSortKeyPlaceholder_neverMatchesIdsThatExtendOrSortNextToIt(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("within");
        LocalTable.create(client, tableName, Pin.ENTITY);
        EntityRepository<Pin> pins = SingleTable.builder().client(client).tableName(tableName).build()
                .repository(Pin.ENTITY);
        Scope alice = Scope.owner("alice");
        for (String notebookId : List.of("nb1", "nb10", "nb1-x", "nb1 x", "nb1!")) {
            pins.create(alice, new Pin(null, "p1", notebookId));
        }

        Page<Pin> page = pins.query(alice, Query.table().partition("id", "p1").within("notebookId", "nb1").build());

        assertThat(page.items()).extracting(Pin::notebookId).containsExactly("nb1");
    }
}
