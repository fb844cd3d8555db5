package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Gauge;
import io.github.dynacrud.fixtures.Kinds;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import io.github.dynacrud.http.JsonSchemas.Shape;
import io.github.dynacrud.internal.ConstraintKeywords;
import io.github.dynacrud.testing.JsonBodies;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact JSON Schema of representative records: every Java type, every constraint, every shape of an entity's
 * bodies; and the JSON the library writes validates against the schemas of what it writes.
 */
class JsonSchemasTest {
    /** The pattern of {@code @NotBlank}, written once here; its meaning is tested against every character below. */
    private static final String NOT_BLANK = Json.tree(ConstraintKeywords.NOT_BLANK).toString();

    private final JsonSchemas schemas = new JsonSchemas();

    @Test
    void type_recordOfEveryKind_describesEachValueAsTheMapperWritesIt() {
        // WHEN
        JsonNode ref = schemas.type(Kinds.class);

        // THEN
        assertThat(ref).isEqualTo(json("{\"$ref\":\"#/components/schemas/Kinds\"}"));
        assertThat(component("Kinds")).isEqualTo(json("""
                {"type":"object","properties":{
                  "text":{"type":["string","null"]},
                  "flag":{"type":"boolean"},
                  "boxedFlag":{"type":["boolean","null"]},
                  "count":{"type":"integer","format":"int32"},
                  "boxedCount":{"type":["integer","null"],"format":"int32"},
                  "big":{"type":"integer","format":"int64"},
                  "small":{"type":"integer","format":"int16","minimum":-32768,"maximum":32767},
                  "tiny":{"type":"integer","format":"int8","minimum":-128,"maximum":127},
                  "ratio":{"type":"number","format":"float"},
                  "measure":{"type":"number","format":"double"},
                  "amount":{"type":["number","null"],"format":"decimal"},
                  "huge":{"type":["integer","null"]},
                  "letter":{"type":"string","minLength":1,"maxLength":1},
                  "at":{"type":["string","null"],"format":"date-time"},
                  "offsetAt":{"type":["string","null"],"format":"date-time"},
                  "day":{"type":["string","null"],"format":"date"},
                  "time":{"type":["string","null"],"pattern":"^\\\\d{2}:\\\\d{2}(:\\\\d{2}(\\\\.\\\\d{1,9})?)?$"},
                  "uuid":{"type":["string","null"],"format":"uuid"},
                  "link":{"type":["string","null"],"format":"uri-reference"},
                  "bytes":{"type":["string","null"],"contentEncoding":"base64"},
                  "color":{"type":["string","null"],"enum":["RED","GREEN",null]},
                  "level":{"type":["string","null"],"enum":["low","high",null]},
                  "size":{"type":["string","null"],"enum":["s","l",null]},
                  "numbers":{"type":["array","null"],"items":{"type":"integer","format":"int32"}},
                  "tags":{"type":["array","null"],"items":{"type":["string","null"]}},
                  "labels":{"type":["array","null"],"items":{"type":"string"},"uniqueItems":true},
                  "scores":{"type":["object","null"],
                    "additionalProperties":{"type":["integer","null"],"format":"int32"}},
                  "byColor":{"type":["object","null"],"propertyNames":{"type":"string","enum":["RED","GREEN"]},
                    "additionalProperties":{"type":["string","null"]}},
                  "byNumber":{"type":["object","null"],"propertyNames":{"pattern":"^-?[0-9]+$"},
                    "additionalProperties":{"type":["string","null"]}},
                  "address":{"anyOf":[{"$ref":"#/components/schemas/Address"},{"type":"null"}]},
                  "addresses":{"type":["array","null"],
                    "items":{"anyOf":[{"$ref":"#/components/schemas/Address"},{"type":"null"}]}},
                  "renamed":{"type":["string","null"]}},
                 "required":["flag","count","big","small","tiny","ratio","measure","letter"],
                 "additionalProperties":false}"""));
        assertThat(component("Address")).isEqualTo(json("""
                {"type":"object","properties":{"street":{"type":["string","null"]},"city":{"type":["string","null"]}},
                 "additionalProperties":false}"""));
        assertThat(schemas.components().size()).isEqualTo(2);
    }

    @Test
    void type_valuesAsTheMapperWritesThem_validateAgainstTheirSchema() {
        // GIVEN one record with every value set and one with every nullable value null
        SchemaValidator validator = SchemaValidator.of(schemas, schemas.type(Kinds.class));
        Kinds full = new Kinds("text", true, false, 1, 2, 3L, (short) 4, (byte) 5, 1.5f, 2.5, new BigDecimal("12.50"),
                BigInteger.TEN.pow(30), 'x', Instant.parse("2026-12-01T09:45:00.123Z"),
                OffsetDateTime.parse("2026-12-01T09:45:00+02:00"), LocalDate.parse("2026-12-24"), LocalTime.of(9, 45),
                UUID.fromString("3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21"), URI.create("../relative?q=1"), new byte[] {1, 2},
                Everything.Color.GREEN, Kinds.Level.HIGH, Kinds.Size.LARGE, new int[] {1, 2}, List.of("a"),
                Set.of("b"), Map.of("c", 1), Map.of(Everything.Color.RED, "red"), Map.of(-7L, "minus seven"),
                new Everything.Address("Main", "Paris"), List.of(new Everything.Address(null, "Rome")), "renamed");
        Kinds empty = new Kinds(null, false, null, 0, null, 0, (short) 0, (byte) 0, 0, 0, null, null, ' ', null, null,
                null, LocalTime.of(9, 45, 30, 1000), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        // WHEN / THEN
        assertThat(validator.errors(new String(Json.write(full)))).isEmpty();
        assertThat(validator.errors(new String(Json.write(empty)))).isEmpty();
    }

    @Test
    void entity_todoInEveryShape_describesExactlyWhatEachBodyMayHold() {
        // GIVEN
        EntityJson<Todo> json = EntityJson.of(Todo.ENTITY);
        String ignored = "{\"readOnly\":true,\"description\":\"set by the server; ignored in a request body\"}";
        String writable = """
                "title":{"type":"string","minLength":1,"pattern":NOT_BLANK,"maxLength":200},
                "done":{"type":"boolean"},
                "dueDate":{"type":["string","null"],"format":"date"},""";

        // WHEN
        List<JsonNode> refs = Stream.of(Shape.values()).map(shape -> (JsonNode) schemas.entity(json, shape)).toList();

        // THEN
        assertThat(refs).extracting(ref -> ref.get("$ref").asText()).containsExactly("#/components/schemas/Todo",
                "#/components/schemas/TodoCreate", "#/components/schemas/TodoReplace", "#/components/schemas/TodoPatch");
        assertThat(component("Todo")).isEqualTo(json("""
                {"type":"object","properties":{
                  "id":{"type":"string","minLength":1,"maxLength":256,"pattern":"^[^#]*$","readOnly":true},
                  WRITABLE
                  "version":{"type":"integer","format":"int64","readOnly":true},
                  "createdAt":{"type":"string","format":"date-time","readOnly":true},
                  "updatedAt":{"type":"string","format":"date-time","readOnly":true}},
                 "required":["id","title","done","dueDate","version","createdAt","updatedAt"],
                 "additionalProperties":false}""".replace("WRITABLE", writable)));
        String input = """
                {"type":"object","properties":{"id":IGNORED,WRITABLE
                  "version":IGNORED,"createdAt":IGNORED,"updatedAt":IGNORED},REQUIRED"additionalProperties":false}"""
                .replace("WRITABLE", writable).replace("IGNORED", ignored);
        assertThat(component("TodoCreate"))
                .isEqualTo(json(input.replace("REQUIRED", "\"required\":[\"title\"],")));
        assertThat(component("TodoReplace"))
                .isEqualTo(json(input.replace("REQUIRED", "\"required\":[\"title\"],")));
        assertThat(component("TodoPatch")).isEqualTo(json(input.replace("REQUIRED", "")));
    }

    @Test
    void entity_gaugeReplace_turnsEveryConstraintIntoItsKeyword() {
        // WHEN
        schemas.entity(EntityJson.of(Gauge.ENTITY), Shape.REPLACE);

        // THEN
        String ignored = "{\"readOnly\":true,\"description\":\"set by the server; ignored in a request body\"}";
        assertThat(component("GaugeReplace")).isEqualTo(json("""
                {"type":"object","properties":{
                  "id":IGNORED,
                  "name":{"type":"string","minLength":1,"pattern":NOT_BLANK,"maxLength":20},
                  "tags":{"type":"array","items":{"type":"string","minLength":1,"pattern":NOT_BLANK,"maxLength":10},
                    "minItems":1},
                  "steps":{"type":["array","null"],"items":{"type":"string"},"maxItems":3,"uniqueItems":true},
                  "labels":{"type":["array","null"],"items":{"type":"string"},"uniqueItems":true,"minItems":1,
                    "maxItems":3},
                  "weights":{"type":["object","null"],"propertyNames":{"pattern":"^(?:[a-z]+)$"},
                    "additionalProperties":{"type":["string","null"],"maxLength":3},"maxProperties":2},
                  "level":{"type":"integer","format":"int32","maximum":10,"minimum":1},
                  "price":{"type":["number","null"],"format":"decimal","maximum":100.5,"exclusiveMinimum":0},
                  "positive":{"type":["integer","null"],"format":"int64","exclusiveMinimum":0},
                  "zeroOrMore":{"type":["integer","null"],"format":"int32","minimum":0},
                  "negative":{"type":["integer","null"],"format":"int32","exclusiveMaximum":0},
                  "notPositive":{"type":["integer","null"],"format":"int32","maximum":0},
                  "code":{"type":["string","null"],"pattern":"^(?:[A-Z]{3})$"},
                  "caseless":{"type":["string","null"],
                    "description":"must match the Java regular expression abc with flags [CASE_INSENSITIVE]"},
                  "email":{"type":["string","null"],"anyOf":[{"format":"email"},{"maxLength":0}]},
                  "money":{"type":["number","null"],"format":"decimal","exclusiveMinimum":-1000,
                    "exclusiveMaximum":1000,"multipleOf":0.01},
                  "accepted":{"type":"boolean","const":true},
                  "rejected":{"type":["boolean","null"],"enum":[false,null]},
                  "nothing":{"type":["string","null"],"const":null},
                  "before":{"type":["string","null"],"format":"date-time","description":"must be in the past"},
                  "after":{"type":["string","null"],"format":"date","description":"must be in the future"},
                  "shortText":{"type":["string","null"],"minLength":2,"maxLength":5},
                  "stars":{"type":["integer","null"],"format":"int32","maximum":5,"minimum":1},
                  "color":{"type":"string","enum":["RED","GREEN"]},
                  "slug":{"type":"string","minLength":1,"pattern":NOT_BLANK,
                    "allOf":[{"pattern":"^(?:[a-z]+(-[a-z]+)*)$"}]},
                  "grouped":{"type":["string","null"]},
                  "place":{"anyOf":[{"$ref":"#/components/schemas/Place"},{"type":"null"}]},
                  "unchecked":{"anyOf":[{"$ref":"#/components/schemas/Gauge.Place"},{"type":"null"}]},
                  "version":IGNORED},
                 "required":["name","tags","level","accepted","color","slug"],
                 "additionalProperties":false}""".replace("IGNORED", ignored)));
        assertThat(component("Place")).isEqualTo(json("""
                {"type":"object","properties":{"city":{"type":"string","minLength":1,"pattern":NOT_BLANK},
                  "zip":{"type":"integer","format":"int32"}},"required":["city","zip"],"additionalProperties":false}"""));
        assertThat(component("Gauge.Place")).isEqualTo(json("""
                {"type":"object","properties":{"city":{"type":["string","null"]},
                  "zip":{"type":"integer","format":"int32"}},"required":["zip"],"additionalProperties":false}"""));
    }

    @Test
    void entity_gaugeCreate_requiresTheChosenIdAndEveryCollectionThatMayNotBeEmpty() {
        // WHEN: on create, a missing list, set or map is an empty one, and the id is the client's
        schemas.entity(EntityJson.of(Gauge.ENTITY), Shape.CREATE);

        // THEN
        JsonNode create = schemas.components().get("GaugeCreate");
        assertThat(reparsed(create.get("required"))).isEqualTo(json(
                "[\"id\",\"name\",\"tags\",\"labels\",\"level\",\"accepted\",\"color\",\"slug\"]"));
        assertThat(reparsed(create.get("properties").get("id"))).isEqualTo(json(
                "{\"type\":\"string\",\"minLength\":1,\"maxLength\":256,\"pattern\":\"^[^#]*$\"}"));
        assertThat(reparsed(create.get("properties").get("labels").get("type"))).isEqualTo(json("\"array\""));
    }

    @Test
    void entity_nestedResource_ignoresTheKeysItsPathGives() {
        // WHEN
        schemas.entity(EntityJson.of(Note.ENTITY, Set.of("notebookId")), Shape.CREATE);

        // THEN: the owner is hidden, so not even accepted; the notebook comes from the path
        JsonNode create = schemas.components().get("NoteCreate");
        assertThat(create.get("properties").fieldNames()).toIterable()
                .containsExactly("notebookId", "id", "title", "pinned", "version", "createdAt", "updatedAt");
        assertThat(reparsed(create.get("properties").get("notebookId"))).isEqualTo(json(
                "{\"readOnly\":true,\"description\":\"set by the server; ignored in a request body\"}"));
        assertThat(reparsed(create.get("required"))).isEqualTo(json("[\"title\"]"));
    }

    @Test
    void entity_outputOfItemsAsTheResourceWritesThem_validatesAgainstTheOutputSchema() {
        // GIVEN items with hidden attributes, nulls, decimals and nested records
        Instant now = Instant.parse("2026-12-01T09:45:00Z");
        EntityJson<User> users = EntityJson.of(User.ENTITY);
        EntityJson<Todo> todos = EntityJson.of(Todo.ENTITY);
        EntityJson<Everything> things = EntityJson.of(Everything.ENTITY);

        // WHEN / THEN
        assertThat(SchemaValidator.of(schemas, schemas.entity(users, Shape.OUTPUT)).errors(new String(Json.write(
                users.body(new User("u1", "ann@example.com", "Ann", "hash", 1, now, now)))))).isEmpty();
        assertThat(SchemaValidator.of(schemas, schemas.entity(todos, Shape.OUTPUT)).errors(new String(Json.write(
                todos.body(new Todo("alice", "t1", "Buy", true, null, 2L, now, now)))))).isEmpty();
        assertThat(SchemaValidator.of(schemas, schemas.entity(things, Shape.OUTPUT)).errors(new String(Json.write(
                things.body(new Everything("e1", "x", true, null, 1, 2L, 3, null, new BigDecimal("1.50"), now,
                        LocalDate.parse("2026-12-24"), Everything.Color.RED, List.of("a"), Set.of("b"), Map.of("c", "d"),
                        new Everything.Address(null, "Paris"), now)))))).isEmpty();
        assertThat(schemas.components().get("User").get("properties").fieldNames()).toIterable()
                .containsExactly("id", "email", "name", "version", "createdAt", "updatedAt");
    }

    @Test
    void notBlankPattern_findsACharacterInExactlyTheStringsThatAreNotBlank() {
        // GIVEN
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(ConstraintKeywords.NOT_BLANK);

        // WHEN / THEN: one character at a time, over the whole basic multilingual plane
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = String.valueOf(c);
            assertThat(pattern.matcher(text).find()).as("U+%04X", (int) c).isEqualTo(!text.isBlank());
        }
    }

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("[a-z]+", "^(?:[a-z]+)$"),
                Arguments.of("a|b", "^(?:a|b)$"),
                Arguments.of("(?<year>\\d{4})", "^(?:(?<year>\\d{4}))$"),
                Arguments.of("(?i)abc", null),
                Arguments.of("a++", null),
                Arguments.of("\\p{Alpha}+", null),
                Arguments.of("\\Aabc\\z", null),
                Arguments.of("[a-z&&[^e]]", null),
                Arguments.of("(?>ab)", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("patterns")
    void ecmaPattern_javaRegex_anchoredOrRefusedWhenEcmaReadsItOtherwise(String regex, String expected) {
        // WHEN
        Optional<String> pattern = ConstraintKeywords.ecmaPattern(regex, new Pattern.Flag[0]);

        // THEN
        assertThat(pattern.orElse(null)).isEqualTo(expected);
    }

    /** A registered schema as a reader of the document sees it: numbers as parsed, not as built. */
    private JsonNode component(String name) {
        return reparsed(schemas.components().get(name));
    }

    private static JsonNode reparsed(JsonNode node) {
        return JsonBodies.tree(node.toString());
    }

    private static JsonNode json(String text) {
        return JsonBodies.tree(text.replace("NOT_BLANK", NOT_BLANK));
    }
}
