package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.Trip;
import io.github.dynacrud.fixtures.User;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link JsonNames} reads each component's JSON names from Jackson, whatever renamed it. */
class JsonNamesTest {
    record Annotated(String id, @JsonProperty("pw") @JsonAlias("password") String passwordHash) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Snake(String id, String passwordHash) {
    }

    record Plain(String id, String passwordHash) {
    }

    /** A mix-in that renames {@link Plain#passwordHash} without touching the record. */
    abstract static class PlainMixIn {
        @JsonProperty("secret")
        abstract String passwordHash();
    }

    @Test
    void jsonProperty_andAlias_areTheComponentsNames() {
        // WHEN
        JsonNames names = JsonNames.of(Json.mapper(), Annotated.class, Set.of("id", "passwordHash"));

        // THEN
        assertThat(names.written()).isEqualTo(Map.of("id", "id", "passwordHash", "pw"));
        assertThat(names.read()).isEqualTo(Map.of("id", "id", "pw", "passwordHash", "password", "passwordHash"));
    }

    @Test
    void namingStrategy_givesTheComponentsNames() {
        // WHEN
        JsonNames names = JsonNames.of(Json.mapper(), Snake.class, Set.of("id", "passwordHash"));

        // THEN
        assertThat(names.written()).isEqualTo(Map.of("id", "id", "passwordHash", "password_hash"));
        assertThat(names.read()).isEqualTo(Map.of("id", "id", "password_hash", "passwordHash"));
    }

    /** An annotation that bundles Jackson's: Jackson renames through it though it is not one of its own. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @com.fasterxml.jackson.annotation.JacksonAnnotationsInside
    @JsonProperty("renamed")
    @interface Renamed {
    }

    record Bundled(String id, @Renamed String passwordHash) {
    }

    interface Named {
        @JsonProperty("label")
        String name();
    }

    record FromInterface(String id, String name) implements Named {
    }

    @Test
    void of_anyRecord_namesAsJacksonsIntrospectionDoes() {
        List<Class<? extends Record>> types = List.of(Plain.class, Annotated.class, Snake.class, Bundled.class,
                FromInterface.class, Todo.class, User.class, Note.class, Notebook.class, Trip.class,
                Everything.class);

        for (Class<? extends Record> type : types) {
            // GIVEN
            Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toSet());

            // WHEN
            JsonNames names = JsonNames.of(Json.mapper(), type, components);

            // THEN
            assertThat(names).as(type.getSimpleName())
                    .isEqualTo(JsonNames.introspect(Json.mapper(), type, components));
        }
        assertThat(JsonNames.of(Json.mapper(), Bundled.class, Set.of("id", "passwordHash")).written())
                .containsEntry("passwordHash", "renamed");
        assertThat(JsonNames.of(Json.mapper(), FromInterface.class, Set.of("id", "name")).written())
                .containsEntry("name", "label");
    }

    @Test
    void mixInOnTheMapper_givesTheComponentsNames() {
        // GIVEN a mapper with a mix-in: dynacrud's shared mapper takes none, but the names come from the mapper's
        // own introspection, which applies every mix-in it has
        ObjectMapper mapper = Json.mapper().copy().addMixIn(Plain.class, PlainMixIn.class);

        // WHEN
        JsonNames names = JsonNames.of(mapper, Plain.class, Set.of("id", "passwordHash"));

        // THEN
        assertThat(names.written()).isEqualTo(Map.of("id", "id", "passwordHash", "secret"));
        assertThat(names.read()).isEqualTo(Map.of("id", "id", "secret", "passwordHash"));
    }
}
