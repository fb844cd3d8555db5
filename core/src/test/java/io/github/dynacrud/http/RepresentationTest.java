package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dynacrud.BadRequestException;
import io.github.dynacrud.ValidationException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Representation#write} serves exactly the JSON of the record's tree without its hidden attributes. */
class RepresentationTest {
    /** A record of every plain kind of component, with a hidden one. */
    record Plain(String id, boolean flag, Boolean boxedFlag, int count, Long big, Instant at, LocalDate day,
            Everything.Color color, List<String> tags, Set<String> labels, Map<String, String> attributes,
            String secret) {
        static final Entity<Plain> ENTITY = entity(Plain.class).hidden("secret").build();
    }

    /** A Jackson annotation renames a property. */
    record Renamed(String id, @JsonProperty("full_name") String name) {
        static final Entity<Renamed> ENTITY = entity(Renamed.class).build();
    }

    /** A Jackson annotation changes how an instant is written. */
    record Formatted(String id, @JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at) {
        static final Entity<Formatted> ENTITY = entity(Formatted.class).build();
    }

    /** Jackson adds {@code overdue} from the getter. */
    record WithGetter(String id, LocalDate dueDate) {
        static final Entity<WithGetter> ENTITY = entity(WithGetter.class).build();

        public boolean isOverdue() {
            return dueDate != null && dueDate.isBefore(LocalDate.of(2026, 1, 1));
        }
    }

    /** The hidden attribute and the owner are renamed with {@code @JsonProperty}. */
    record PropertyRenamed(@JsonProperty("owner") String ownerId, String id,
            @JsonProperty("display_name") String name, @JsonProperty("pw") String passwordHash) {
        static final Entity<PropertyRenamed> ENTITY = Entity.of(PropertyRenamed.class).partitionKey("O#{ownerId}")
                .sortKey("P#{id}").id("id").owner("ownerId").hidden("passwordHash").build();
    }

    /** Every attribute is renamed by a naming strategy. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SnakeCased(String ownerId, String id, String displayName, String passwordHash) {
        static final Entity<SnakeCased> ENTITY = Entity.of(SnakeCased.class).partitionKey("O#{ownerId}")
                .sortKey("S#{id}").id("id").owner("ownerId").hidden("passwordHash").build();
    }

    @Test
    void jsonPropertyOnHiddenAttributes_neverExposesThem() {
        // GIVEN
        Representation<PropertyRenamed> representation = new Representation<>(PropertyRenamed.ENTITY);
        PropertyRenamed item = new PropertyRenamed("alice", "p1", "Ada", "hash");

        // WHEN
        String json = json(representation.write(item));

        // THEN
        assertThat(json).isEqualTo("{\"id\":\"p1\",\"display_name\":\"Ada\"}");
    }

    @Test
    void namingStrategyOnTheRecord_neverExposesHiddenAttributes() {
        // GIVEN
        Representation<SnakeCased> representation = new Representation<>(SnakeCased.ENTITY);
        SnakeCased item = new SnakeCased("alice", "s1", "Ada", "hash");

        // WHEN
        String json = json(representation.write(item));

        // THEN
        assertThat(json).isEqualTo("{\"id\":\"s1\",\"display_name\":\"Ada\"}");
    }

    @Test
    void renamedFields_areWritableUnderTheirJsonNames() {
        // GIVEN
        Representation<PropertyRenamed> renamed = new Representation<>(PropertyRenamed.ENTITY);
        Representation<SnakeCased> snake = new Representation<>(SnakeCased.ENTITY);

        // WHEN
        PropertyRenamed read = renamed.read(tree("{\"display_name\": \"Ada\"}"), false);
        SnakeCased snakeRead = snake.read(tree("{\"display_name\": \"Ada\", \"id\": \"s9\"}"), false);
        Map<String, Object> changes = snake.readChanges(tree("{\"display_name\": \"Bea\"}"));

        // THEN
        assertThat(read).isEqualTo(new PropertyRenamed(null, null, "Ada", null));
        assertThat(snakeRead).isEqualTo(new SnakeCased(null, null, "Ada", null));
        assertThat(changes).isEqualTo(Map.of("displayName", "Bea"));
        assertThat(snake.replaceable()).containsExactly("displayName");
    }

    @Test
    void hiddenAttributesAndOwner_areRefusedUnderTheirJsonAndJavaNames() {
        // GIVEN
        Representation<PropertyRenamed> renamed = new Representation<>(PropertyRenamed.ENTITY);
        Representation<SnakeCased> snake = new Representation<>(SnakeCased.ENTITY);

        // WHEN / THEN
        for (String field : List.of("pw", "passwordHash", "owner", "ownerId", "name")) {
            assertUnknown(() -> renamed.read(tree("{\"" + field + "\": \"x\"}"), true), field);
            assertUnknown(() -> renamed.readChanges(tree("{\"" + field + "\": \"x\"}")), field);
        }
        for (String field : List.of("password_hash", "passwordHash", "owner_id", "ownerId", "displayName")) {
            assertUnknown(() -> snake.read(tree("{\"" + field + "\": \"x\"}"), true), field);
            assertUnknown(() -> snake.readChanges(tree("{\"" + field + "\": \"x\"}")), field);
        }
    }

    @Test
    void withJsonNames_namesViolationsByTheirJsonFields() {
        // GIVEN
        Representation<SnakeCased> snake = new Representation<>(SnakeCased.ENTITY);
        List<ValidationException.Violation> violations = List.of(
                new ValidationException.Violation("displayName", "must not be blank"),
                new ValidationException.Violation("displayName.city", "must not be blank"),
                new ValidationException.Violation("displayName[1].<list element>", "must not be blank"),
                new ValidationException.Violation("", "must be coherent"));

        // WHEN / THEN
        assertThatThrownBy(() -> snake.withJsonNames(() -> {
            throw new ValidationException(violations);
        })).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).containsExactly(
                new ValidationException.Violation("display_name", "must not be blank"),
                new ValidationException.Violation("display_name.city", "must not be blank"),
                new ValidationException.Violation("display_name[1].<list element>", "must not be blank"),
                new ValidationException.Violation("", "must be coherent")));
        assertThat(snake.withJsonNames(() -> "written")).isEqualTo("written");
    }

    private static void assertUnknown(Runnable read, String field) {
        assertThatThrownBy(read::run).as(field).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.getMessage()).isEqualTo(field + ": is not a known field"));
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void plainRecords_areWrittenFromTheirComponentsExactlyAsTheirTree() {
        // GIVEN
        Set<String> labels = new LinkedHashSet<>(List.of("b", "a", "c"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("z", "1");
        attributes.put("a", "2");
        Plain full = new Plain("p1", true, Boolean.FALSE, 7, 1L << 40, Instant.parse("2026-12-01T09:45:00.120Z"),
                LocalDate.of(2026, 12, 24), Everything.Color.GREEN, List.of("x", "y"), labels, attributes, "hush");
        Plain empty = new Plain("p2", false, null, 0, null, null, null, null, null, null, null, null);
        Todo todo = new Todo("u1", "t1", "Write", true, LocalDate.of(2026, 1, 2), 3L,
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:05.000000001Z"));

        // WHEN / THEN
        assertWrittenAsTree(Plain.ENTITY, full);
        assertWrittenAsTree(Plain.ENTITY, empty);
        assertWrittenAsTree(Todo.ENTITY, todo);
        assertThat(new Representation<>(Plain.ENTITY).writesComponentsDirectly()).isTrue();
        assertThat(new Representation<>(Todo.ENTITY).writesComponentsDirectly()).isTrue();
        assertThat(json(new Representation<>(Plain.ENTITY).write(full))).doesNotContain("secret", "hush");
    }

    @Test
    void entityJsonBody_ofAPlainRecord_isAMapWrittenAsTheResourceWritesTheItem() {
        // GIVEN
        Todo todo = new Todo("u1", "t1", "Write", true, null, 3L, Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:04:05.120Z"));

        // WHEN
        Object body = EntityJson.of(Todo.ENTITY).body(todo);

        // THEN: a value any ObjectMapper can write, not the resource's own serialization-only form
        assertThat(body).isInstanceOf(Map.class);
        assertThat(json(body)).isEqualTo(json(new Representation<>(Todo.ENTITY).write(todo)))
                .isEqualTo("{\"id\":\"t1\",\"title\":\"Write\",\"done\":true,\"dueDate\":null,\"version\":3,"
                        + "\"createdAt\":\"2026-01-02T03:04:05Z\",\"updatedAt\":\"2026-01-02T03:04:05.120Z\"}");
    }

    @Test
    void decimalsNestedRecordsAnnotationsAndGetters_goThroughTheTree() {
        // GIVEN
        Everything everything = new Everything("e1", "text", true, null, 1, 2L, null, null, new BigDecimal("12.50"),
                null, null, Everything.Color.RED, List.of(), Set.of(), Map.of(), new Everything.Address("s", "c"),
                null);
        Renamed renamed = new Renamed("r1", "Ada");
        Formatted formatted = new Formatted("f1", Instant.parse("2026-12-01T09:45:00.456Z"));
        WithGetter withGetter = new WithGetter("w1", LocalDate.of(2025, 5, 1));

        // WHEN / THEN
        assertWrittenAsTree(Everything.ENTITY, everything);
        assertWrittenAsTree(Renamed.ENTITY, renamed);
        assertWrittenAsTree(Formatted.ENTITY, formatted);
        assertWrittenAsTree(WithGetter.ENTITY, withGetter);
        for (Entity<?> entity : List.of(Everything.ENTITY, Renamed.ENTITY, Formatted.ENTITY, WithGetter.ENTITY)) {
            assertThat(new Representation<>(entity).writesComponentsDirectly()).as(entity.type()).isFalse();
        }
        assertThat(json(new Representation<>(Everything.ENTITY).write(everything))).contains("\"amount\":12.5,");
        assertThat(json(new Representation<>(Renamed.ENTITY).write(renamed))).contains("\"full_name\":\"Ada\"");
        assertThat(json(new Representation<>(WithGetter.ENTITY).write(withGetter))).contains("\"overdue\":true");
    }

    private static <T extends Record> void assertWrittenAsTree(Entity<T> entity, T item) {
        ObjectNode tree = Json.mapper().valueToTree(item);
        entity.hiddenAttributes().forEach(tree::remove);
        assertThat(json(new Representation<>(entity).write(item))).isEqualTo(json(tree));
    }

    private static String json(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    private static <T extends Record> Entity.Builder<T> entity(Class<T> type) {
        return Entity.of(type).type(type.getSimpleName()).partitionKey("X#{id}").sortKey("X").id("id");
    }
}
