package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.http.JsonSchemas.Shape;
import io.github.dynacrud.testing.JsonBodies;
import jakarta.validation.constraints.NotBlank;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How {@link JsonSchemas} names and registers schemas, describes the types custom routes declare, follows Jackson's
 * annotations, and refuses what it cannot describe.
 */
class JsonSchemasTypesTest {
    /** An address with the simple name of {@link Everything.Address}, but another class. */
    record Address(String line) {
    }

    /** A tree: a record that holds itself. */
    record Node(String name, List<Node> children) {
    }

    /** A profile whose JSON Jackson annotations shape: a renamed property, an alias, a property left out when null. */
    record Profile(String id, @JsonProperty("display_name") @NotBlank String displayName,
            @JsonInclude(JsonInclude.Include.NON_NULL) String bio, @JsonAlias("nick") String nickname) {
        static final Entity<Profile> ENTITY = Entity.of(Profile.class).partitionKey("PROFILE#{id}")
                .sortKey("PROFILE").generatedId("id").build();

        /** A getter Jackson adds to the JSON it writes. */
        public String getInitials() {
            return displayName == null ? null : displayName.substring(0, 1);
        }
    }

    record WithOptional(Optional<String> nickname) {
    }

    record Wrapped(@JsonValue String value) {
    }

    record UuidKeys(Map<UUID, String> byId) {
    }

    /** Types as a custom route would declare them. */
    interface Declared {
        List<Everything.Address> addresses();

        Map<String, Integer> scores();
    }

    private final JsonSchemas schemas = new JsonSchemas();

    @Test
    void type_scalarsAndContainers_inlineAroundReferencesToRecords() throws Exception {
        // WHEN
        JsonNode text = schemas.type(String.class);
        JsonNode count = schemas.type(int.class);
        JsonNode addresses = schemas.type(declared("addresses"));
        JsonNode scores = schemas.type(declared("scores"));

        // THEN: the body itself is never null, its elements may be
        assertThat(reparsed(text)).isEqualTo(json("{\"type\":\"string\"}"));
        assertThat(reparsed(count)).isEqualTo(json("{\"type\":\"integer\",\"format\":\"int32\"}"));
        assertThat(reparsed(addresses)).isEqualTo(json("{\"type\":\"array\",\"items\":{\"anyOf\":["
                + "{\"$ref\":\"#/components/schemas/Address\"},{\"type\":\"null\"}]}}"));
        assertThat(reparsed(scores)).isEqualTo(json("{\"type\":\"object\","
                + "\"additionalProperties\":{\"type\":[\"integer\",\"null\"],\"format\":\"int32\"}}"));
        assertThat(schemas.components().fieldNames()).toIterable().containsExactly("Address");
    }

    @Test
    void type_twoRecordsWithOneSimpleName_keepsBothUnderDifferentNames() {
        // WHEN
        JsonNode first = schemas.type(Everything.Address.class);
        JsonNode second = schemas.type(Address.class);
        JsonNode firstAgain = schemas.type(Everything.Address.class);

        // THEN: the first keeps its name and schema; the second is qualified by its enclosing class
        assertThat(first.get("$ref").asText()).isEqualTo("#/components/schemas/Address");
        assertThat(second.get("$ref").asText()).isEqualTo("#/components/schemas/JsonSchemasTypesTest.Address");
        assertThat(firstAgain).isEqualTo(first);
        assertThat(schemas.components().get("Address").get("properties").fieldNames()).toIterable()
                .containsExactly("street", "city");
        assertThat(schemas.components().get("JsonSchemasTypesTest.Address").get("properties").fieldNames())
                .toIterable().containsExactly("line");
    }

    @Test
    void type_recordHoldingItself_refersToItsOwnSchema() {
        // WHEN
        schemas.type(Node.class);

        // THEN
        assertThat(reparsed(schemas.components().get("Node"))).isEqualTo(json("{\"type\":\"object\",\"properties\":{"
                + "\"name\":{\"type\":[\"string\",\"null\"]},\"children\":{\"type\":[\"array\",\"null\"],"
                + "\"items\":{\"anyOf\":[{\"$ref\":\"#/components/schemas/Node\"},{\"type\":\"null\"}]}}},"
                + "\"additionalProperties\":false}"));
    }

    @Test
    void entity_sameShapeTwice_registersItOnce() {
        // WHEN
        JsonNode first = schemas.entity(EntityJson.of(Note.ENTITY), Shape.CREATE);
        JsonNode second = schemas.entity(EntityJson.of(Note.ENTITY), Shape.CREATE);

        // THEN
        assertThat(second).isEqualTo(first);
        assertThat(schemas.components().fieldNames()).toIterable().containsExactly("NoteCreate");
    }

    @Test
    void entity_oneEntityMountedWithDifferentPathKeys_keepsBothSchemas() {
        // WHEN
        JsonNode plain = schemas.entity(EntityJson.of(Note.ENTITY), Shape.CREATE);
        JsonNode nested = schemas.entity(EntityJson.of(Note.ENTITY, Set.of("notebookId")), Shape.CREATE);

        // THEN
        assertThat(plain.get("$ref").asText()).isEqualTo("#/components/schemas/NoteCreate");
        assertThat(nested.get("$ref").asText()).isEqualTo("#/components/schemas/NoteCreate2");
        assertThat(schemas.components().get("NoteCreate").get("properties").get("notebookId").has("type")).isTrue();
        assertThat(schemas.components().get("NoteCreate2").get("properties").get("notebookId").has("type")).isFalse();
    }

    @Test
    void entity_jacksonAnnotations_shapeNamesAliasesGettersAndRequired() {
        // GIVEN
        EntityJson<Profile> json = EntityJson.of(Profile.ENTITY);

        // WHEN
        schemas.entity(json, Shape.OUTPUT);
        schemas.entity(json, Shape.CREATE);

        // THEN: responses carry the added getter, read-only, and leave out a null bio; bodies may use the alias
        JsonNode output = schemas.components().get("Profile");
        assertThat(output.get("properties").fieldNames()).toIterable()
                .containsExactly("id", "display_name", "bio", "nickname", "initials");
        assertThat(reparsed(output.get("properties").get("initials")))
                .isEqualTo(json("{\"type\":[\"string\",\"null\"],\"readOnly\":true}"));
        assertThat(reparsed(output.get("required"))).isEqualTo(json("[\"id\",\"display_name\",\"nickname\",\"initials\"]"));
        JsonNode create = schemas.components().get("ProfileCreate");
        assertThat(create.get("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "display_name", "bio", "nickname", "nick");
        assertThat(reparsed(create.get("required"))).isEqualTo(json("[\"display_name\"]"));
        assertThat(SchemaValidator.of(schemas, json("{\"$ref\":\"#/components/schemas/Profile\"}")).errors(
                new String(Json.write(json.body(new Profile("p1", "Ann", null, "an")))))).isEmpty();
    }

    @Test
    void type_optionalComponent_refusedNamingTheTypeAndTheAttribute() {
        assertThatThrownBy(() -> schemas.type(WithOptional.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WithOptional.nickname")
                .hasMessageContaining("java.util.Optional<java.lang.String>")
                .hasMessageContaining("which its JSON mapper cannot write");
    }

    @Test
    void type_recordWrittenByItsOwnSerializer_refusedNamingIt() {
        assertThatThrownBy(() -> schemas.type(Wrapped.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot describe " + Wrapped.class.getTypeName())
                .hasMessageContaining("whose JSON dynacrud does not know");
    }

    @Test
    void type_mapWithKeysOtherThanStringsEnumsOrIntegers_refusedNamingTheAttribute() {
        assertThatThrownBy(() -> schemas.type(UuidKeys.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UuidKeys.byId")
                .hasMessageContaining("a map key of type java.util.UUID");
    }

    @Test
    void type_classThatIsNoRecord_refused() {
        assertThatThrownBy(() -> schemas.type(StringBuilder.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dynacrud has no JSON Schema for java.lang.StringBuilder");
    }

    private static Type declared(String method) throws NoSuchMethodException {
        return Declared.class.getMethod(method).getGenericReturnType();
    }

    private static JsonNode reparsed(JsonNode node) {
        return JsonBodies.tree(node.toString());
    }

    private static JsonNode json(String text) {
        return JsonBodies.tree(text);
    }
}
