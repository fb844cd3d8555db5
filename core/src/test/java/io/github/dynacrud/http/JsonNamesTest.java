package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import java.util.Set;
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
