package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Batch reads and writes against DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class BatchIT {
    private static final Scope ALICE = Scope.owner("alice");
    private static final Scope BOB = Scope.owner("bob");

    private EntityRepository<Todo> todos;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("batch");
        LocalTable.create(client, tableName, Todo.ENTITY);
        todos = SingleTable.builder().client(client).tableName(tableName).build().repository(Todo.ENTITY);
    }

    @Test
    void getAll_250IdsWithMissingAndOtherOwnersOnes_returnsTheCallersOnlyInTheOrderAsked() {
        // GIVEN 100 todos of alice, 50 of bob, and ids asked in a shuffled order with 100 that exist for nobody
        List<String> alices = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            alices.add(todos.create(ALICE, Todo.of("alice " + i)).id());
        }
        List<String> bobs = IntStream.range(0, 50).mapToObj(i -> todos.create(BOB, Todo.of("bob " + i)).id())
                .toList();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            asked.add(alices.get(99 - i));
            asked.add("missing-" + i);
            if (i < 50) {
                asked.add(bobs.get(i));
            }
        }

        // WHEN
        List<Todo> found = todos.getAll(ALICE, asked);

        // THEN
        assertThat(asked).hasSize(250);
        List<String> reversed = new ArrayList<>(alices);
        Collections.reverse(reversed);
        assertThat(found).extracting(Todo::id).containsExactlyElementsOf(reversed);
        assertThat(found).allMatch(todo -> todo.ownerId().equals("alice") && todo.title().startsWith("alice "));
        assertThat(todos.getAll(BOB, asked)).extracting(Todo::id).containsExactlyElementsOf(bobs);
    }

    @Test
    void batchWrite_1000Puts_storesThemAll_andDeletesRemoveThem() {
        // GIVEN
        BatchWrite<Todo> puts = todos.batchWrite(ALICE, BatchWrite.Waiver.VERSION_CHECKS);
        IntStream.range(0, 1000).forEach(i -> puts.put(Todo.of("bulk " + i)));

        // WHEN
        List<Todo> stored = puts.run();

        // THEN every item reads back as the batch answered it
        assertThat(stored).hasSize(1000).allMatch(todo -> todo.version() == 1 && todo.id() != null);
        List<String> ids = stored.stream().map(Todo::id).toList();
        assertThat(todos.getAll(ALICE, ids)).containsExactlyElementsOf(stored);
        assertThat(todos.getAll(BOB, ids)).isEmpty();

        // WHEN half are deleted in a batch
        BatchWrite<Todo> deletes = todos.batchWrite(ALICE, BatchWrite.Waiver.VERSION_CHECKS);
        ids.subList(0, 500).forEach(deletes::delete);
        deletes.run();

        // THEN
        assertThat(todos.getAll(ALICE, ids)).containsExactlyElementsOf(stored.subList(500, 1000));
        assertThat(todos.get(ALICE, ids.get(0))).isEqualTo(Optional.empty());
    }
}
