package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ExpressionsTest {

    @Test
    void name_plainName_isHashAndTheName() {
        // GIVEN
        Expressions expressions = new Expressions();

        // WHEN
        String title = expressions.name("title");
        String gsi = expressions.name("GSI1PK");

        // THEN
        assertThat(title).isEqualTo("#title");
        assertThat(gsi).isEqualTo("#GSI1PK");
        assertThat(expressions.names()).containsOnly(entry("#title", "title"), entry("#GSI1PK", "GSI1PK"));
    }

    @Test
    void name_reservedWord_isStillAPlaceholder() {
        // GIVEN
        Expressions expressions = new Expressions();

        // WHEN
        String name = expressions.name("name");
        String status = expressions.name("status");

        // THEN
        assertThat(name).isEqualTo("#name");
        assertThat(status).isEqualTo("#status");
        assertThat(expressions.names()).containsOnly(entry("#name", "name"), entry("#status", "status"));
    }

    @Test
    void name_sameAttributeTwice_reusesThePlaceholder() {
        // GIVEN
        Expressions expressions = new Expressions();
        String first = expressions.name("_type");

        // WHEN
        String second = expressions.name("_type");

        // THEN
        assertThat(second).isEqualTo(first).isEqualTo("#x");
        assertThat(expressions.names()).containsOnly(entry("#x", "_type"));
    }

    @Test
    void name_oddNames_getValidPlaceholders() {
        // GIVEN
        Expressions expressions = new Expressions();
        List<String> odd = List.of("_type", "due-date", "a.b", "1st", "caf\u00e9", "with space", "snake_case");

        // WHEN
        List<String> placeholders = odd.stream().map(expressions::name).toList();

        // THEN
        assertThat(placeholders).containsExactly("#x", "#x1", "#x2", "#x3", "#x4", "#x5", "#x6");
        assertThat(placeholders).allSatisfy(p -> assertThat(p).matches("#[A-Za-z0-9]+"));
        assertThat(expressions.names()).hasSize(odd.size());
        for (int i = 0; i < odd.size(); i++) {
            assertThat(expressions.names()).containsEntry(placeholders.get(i), odd.get(i));
        }
    }

    @Test
    void name_componentNamedXAfterOddName_getsItsOwnPlaceholder() {
        // GIVEN
        Expressions expressions = new Expressions();
        String type = expressions.name("_type");

        // WHEN
        String x = expressions.name("x");

        // THEN
        assertThat(type).isEqualTo("#x");
        assertThat(x).isEqualTo("#x1");
        assertThat(expressions.names()).containsOnly(entry("#x", "_type"), entry("#x1", "x"));
    }

    @Test
    void name_componentNamedXBeforeOddName_getsItsOwnPlaceholder() {
        // GIVEN
        Expressions expressions = new Expressions();
        String x = expressions.name("x");

        // WHEN
        String type = expressions.name("_type");

        // THEN
        assertThat(x).isEqualTo("#x");
        assertThat(type).isEqualTo("#x1");
        assertThat(expressions.names()).containsOnly(entry("#x", "x"), entry("#x1", "_type"));
    }

    @Test
    void name_namesShapedLikeGeneratedPlaceholders_neverCollide() {
        // GIVEN
        Expressions expressions = new Expressions();
        List<String> attributes = List.of("_type", "x1", "x", "due-date", "x11", "x2");

        // WHEN
        List<String> placeholders = attributes.stream().map(expressions::name).toList();

        // THEN
        assertThat(placeholders).doesNotHaveDuplicates();
        assertThat(expressions.names()).hasSize(attributes.size());
        for (int i = 0; i < attributes.size(); i++) {
            assertThat(expressions.names()).containsEntry(placeholders.get(i), attributes.get(i));
            assertThat(expressions.name(attributes.get(i))).isEqualTo(placeholders.get(i));
        }
    }

    @Test
    void value_eachCall_getsANewPlaceholder() {
        // GIVEN
        Expressions expressions = new Expressions();
        AttributeValue same = AttributeValue.fromS("a");

        // WHEN
        String first = expressions.value(same);
        String second = expressions.value(same);
        String third = expressions.value(AttributeValue.fromN("3"));

        // THEN
        assertThat(List.of(first, second, third)).containsExactly(":v0", ":v1", ":v2");
        assertThat(expressions.values()).containsOnly(entry(":v0", same), entry(":v1", same),
                entry(":v2", AttributeValue.fromN("3")));
    }

    @Test
    void updateExpression_setsAndRemoves_joinsBothClauses() {
        // GIVEN
        Expressions expressions = new Expressions();
        expressions.set("title", AttributeValue.fromS("Write"));
        expressions.set("name", AttributeValue.fromS("Ada"));
        String version = expressions.name("version");
        expressions.setAction(version + " = " + version + " + " + expressions.value(AttributeValue.fromN("1")));
        expressions.remove("dueDate");
        expressions.remove("_type");

        // WHEN
        String update = expressions.updateExpression();

        // THEN
        assertThat(update).isEqualTo(
                "SET #title = :v0, #name = :v1, #version = #version + :v2 REMOVE #dueDate, #x");
        assertThat(expressions.names()).containsOnly(entry("#title", "title"), entry("#name", "name"),
                entry("#version", "version"), entry("#dueDate", "dueDate"), entry("#x", "_type"));
        assertThat(expressions.values()).containsOnly(entry(":v0", AttributeValue.fromS("Write")),
                entry(":v1", AttributeValue.fromS("Ada")), entry(":v2", AttributeValue.fromN("1")));
    }

    @Test
    void updateExpression_onlySets_hasNoRemoveClause() {
        // GIVEN
        Expressions expressions = new Expressions();
        expressions.set("done", AttributeValue.fromBool(true));

        // WHEN
        String update = expressions.updateExpression();

        // THEN
        assertThat(update).isEqualTo("SET #done = :v0");
    }

    @Test
    void updateExpression_onlyRemoves_startsWithRemove() {
        // GIVEN
        Expressions expressions = new Expressions();
        expressions.remove("dueDate");
        expressions.remove("expiresAt");

        // WHEN
        String update = expressions.updateExpression();

        // THEN
        assertThat(update).isEqualTo("REMOVE #dueDate, #expiresAt");
        assertThat(expressions.values()).isNull();
        assertThat(expressions.names()).containsOnly(entry("#dueDate", "dueDate"), entry("#expiresAt", "expiresAt"));
    }

    @Test
    void emptyExpressions_haveNullMapsAndEmptyUpdate() {
        // GIVEN
        Expressions expressions = new Expressions();

        // WHEN
        String update = expressions.updateExpression();

        // THEN
        assertThat(update).isEmpty();
        assertThat(expressions.names()).isNull();
        assertThat(expressions.values()).isNull();
    }

    @Test
    void names_onlyNamesUsed_leavesValuesNull() {
        // GIVEN
        Expressions expressions = new Expressions();
        expressions.name("PK");

        // WHEN
        Map<String, String> names = expressions.names();

        // THEN
        assertThat(names).containsOnly(entry("#PK", "PK"));
        assertThat(expressions.values()).isNull();
    }
}
