package io.github.dynacrud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void first_anyCase_findsTheHeader() {
        // GIVEN
        Headers headers = Headers.of("Content-Type", "application/json");

        // WHEN / THEN
        assertThat(headers.first("content-type")).contains("application/json");
        assertThat(headers.first("CONTENT-TYPE")).contains("application/json");
        assertThat(headers.first("Content-Type")).contains("application/json");
        assertThat(headers.contains("cOnTeNt-TyPe")).isTrue();
        assertThat(headers.first("Accept")).isEmpty();
        assertThat(headers.contains("Accept")).isFalse();
        assertThat(headers.all("Accept")).isEmpty();
    }

    @Test
    void asMap_keepsLowerCaseNamesInInsertionOrder() {
        // GIVEN
        Headers headers = Headers.of("X-B", "1", "Content-Type", "text/plain", "x-a", "2");

        // WHEN
        Map<String, List<String>> map = headers.asMap();

        // THEN
        assertThat(map).containsExactly(
                Map.entry("x-b", List.of("1")),
                Map.entry("content-type", List.of("text/plain")),
                Map.entry("x-a", List.of("2")));
    }

    @Test
    void of_repeatedNameInAnyCase_keepsEveryValueInOrder() {
        // GIVEN / WHEN
        Headers headers = Headers.of("Accept", "text/html", "ACCEPT", "application/json", "accept", "*/*");

        // THEN
        assertThat(headers.all("accept")).containsExactly("text/html", "application/json", "*/*");
        assertThat(headers.first("Accept")).contains("text/html");
        assertThat(headers.asMap()).containsOnlyKeys("accept");
    }

    @Test
    void of_oddNumberOfArguments_isRefused() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> Headers.of("Accept", "text/html", "X-Lonely"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("headers come in name and value pairs");
    }

    @Test
    void of_noArguments_isEmpty() {
        // GIVEN / WHEN
        Headers headers = Headers.of();

        // THEN
        assertThat(headers.asMap()).isEmpty();
        assertThat(headers).isEqualTo(Headers.empty());
    }

    @Test
    void ofMap_namesDifferingInCase_areMergedAndNullsAndEmptyListsDropped() {
        // GIVEN
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("Set-Cookie", List.of("a=1"));
        map.put("set-cookie", Arrays.asList("b=2", null));
        map.put("X-Empty", List.of());
        map.put("X-Null", null);
        map.put(null, List.of("orphan"));
        map.put("Host", List.of("example.com"));

        // WHEN
        Headers headers = Headers.of(map);

        // THEN
        assertThat(headers.asMap()).containsExactly(
                Map.entry("set-cookie", List.of("a=1", "b=2")),
                Map.entry("host", List.of("example.com")));
    }

    @Test
    void ofMap_laterChangesToTheSource_doNotLeakIn() {
        // GIVEN
        List<String> values = new ArrayList<>(List.of("1"));
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("X-A", values);
        Headers headers = Headers.of(map);

        // WHEN
        values.add("2");
        map.put("X-B", List.of("3"));

        // THEN
        assertThat(headers.asMap()).containsExactly(Map.entry("x-a", List.of("1")));
    }

    @Test
    void with_replacesEveryValueAndLeavesTheOriginalUnchanged() {
        // GIVEN
        Headers original = Headers.of("Vary", "Accept", "vary", "Accept-Encoding", "X-Other", "1");

        // WHEN
        Headers changed = original.with("VARY", "Origin");

        // THEN
        assertThat(changed.all("Vary")).containsExactly("Origin");
        assertThat(changed.asMap()).containsExactly(
                Map.entry("vary", List.of("Origin")),
                Map.entry("x-other", List.of("1")));
        assertThat(original.all("vary")).containsExactly("Accept", "Accept-Encoding");
    }

    @Test
    void add_appendsAValueAndLeavesTheOriginalUnchanged() {
        // GIVEN
        Headers original = Headers.of("Vary", "Accept");

        // WHEN
        Headers changed = original.add("VARY", "Origin").add("X-New", "1");

        // THEN
        assertThat(changed.all("vary")).containsExactly("Accept", "Origin");
        assertThat(changed.first("x-new")).contains("1");
        assertThat(original.all("vary")).containsExactly("Accept");
        assertThat(original.contains("X-New")).isFalse();
    }

    @Test
    void without_removesEveryValueInAnyCaseAndLeavesTheOriginalUnchanged() {
        // GIVEN
        Headers original = Headers.of("Authorization", "Bearer a", "authorization", "Bearer b", "Accept", "*/*");

        // WHEN
        Headers changed = original.without("AUTHORIZATION");

        // THEN
        assertThat(changed.contains("Authorization")).isFalse();
        assertThat(changed.all("authorization")).isEmpty();
        assertThat(changed.asMap()).containsExactly(Map.entry("accept", List.of("*/*")));
        assertThat(original.all("Authorization")).containsExactly("Bearer a", "Bearer b");
    }

    @Test
    void without_absentHeader_isEqualToTheOriginal() {
        // GIVEN
        Headers original = Headers.of("Accept", "*/*");

        // WHEN
        Headers changed = original.without("X-Missing");

        // THEN
        assertThat(changed).isEqualTo(original);
    }

    @Test
    void equals_ignoresTheCaseOfNames() {
        // GIVEN
        Headers lower = Headers.of("content-type", "text/plain");
        Headers mixed = Headers.of("Content-Type", "text/plain");
        Headers otherValue = Headers.of("Content-Type", "TEXT/PLAIN");

        // WHEN / THEN
        assertThat(lower).isEqualTo(mixed).hasSameHashCodeAs(mixed);
        assertThat(lower).isNotEqualTo(otherValue);
    }

    @Test
    void asMap_andValueLists_areUnmodifiable() {
        // GIVEN
        Headers headers = Headers.of("Accept", "*/*");

        // WHEN / THEN
        assertThatThrownBy(() -> headers.asMap().put("x", List.of("y")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.all("accept").add("text/html"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.with("Accept", "a").all("accept").clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(headers.all("Accept")).containsExactly("*/*");
    }

    @Test
    void nullNameOrValue_isRefused() {
        // GIVEN
        Headers headers = Headers.empty();

        // WHEN / THEN
        assertThatThrownBy(() -> headers.with("Accept", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> headers.add("Accept", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> headers.first(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("header name");
    }
}
