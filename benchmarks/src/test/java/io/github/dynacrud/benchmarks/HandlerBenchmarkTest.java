package io.github.dynacrud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.test.HttpApiEvents;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The warm benchmarks measure successful requests, and both handlers answer them alike. */
class HandlerBenchmarkTest {
    private static final String[] STUBS = {"HTTP", "CLIENT"};

    static Stream<Arguments> contendersAndStubs() {
        return Stream.of(Contender.values()).flatMap(contender -> Stream.of(STUBS).map(stub -> arguments(contender,
                stub)));
    }

    @ParameterizedTest
    @MethodSource("contendersAndStubs")
    void everyBenchmark_answersWithSuccess(Contender contender, String dynamoDb) {
        // GIVEN
        HandlerBenchmark benchmark = benchmark(contender, dynamoDb);

        // WHEN
        APIGatewayV2HTTPResponse create = benchmark.create();
        APIGatewayV2HTTPResponse get = benchmark.get();
        APIGatewayV2HTTPResponse list = benchmark.list();
        APIGatewayV2HTTPResponse patch = benchmark.patch();

        // THEN
        assertThat(create.getStatusCode()).isEqualTo(201);
        assertThat(HttpApiEvents.json(create).path("title").asText()).isEqualTo("Measure the cold start");
        assertThat(get.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.header(get, "ETag")).hasValue("\"3\"");
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.json(list).path("items")).hasSize(TodoEvents.PAGE);
        assertThat(HttpApiEvents.json(list).path("nextCursor").asText()).isNotEmpty();
        assertThat(patch.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.header(patch, "ETag")).hasValue("\"4\"");
        assertThat(HttpApiEvents.json(patch).path("title").asText()).isEqualTo("Measure the warm cost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP", "CLIENT"})
    void bothHandlers_representAStoredTodoAlike(String dynamoDb) {
        // GIVEN
        Map<Contender, HandlerBenchmark> benchmarks = new EnumMap<>(Contender.class);
        for (Contender contender : Contender.values()) {
            benchmarks.put(contender, benchmark(contender, dynamoDb));
        }

        // WHEN
        Function<Contender, JsonNode> get = contender -> HttpApiEvents.json(benchmarks.get(contender).get());
        Function<Contender, JsonNode> patched = contender -> HttpApiEvents.json(benchmarks.get(contender).patch());
        Function<Contender, JsonNode> firstListed = contender ->
                HttpApiEvents.json(benchmarks.get(contender).list()).path("items").get(0);

        // THEN
        assertThat(get.apply(Contender.DYNACRUD)).isEqualTo(get.apply(Contender.BASELINE));
        assertThat(firstListed.apply(Contender.DYNACRUD)).isEqualTo(firstListed.apply(Contender.BASELINE));
        assertThat(patched.apply(Contender.DYNACRUD)).isEqualTo(patched.apply(Contender.BASELINE));
    }

    private static HandlerBenchmark benchmark(Contender contender, String dynamoDb) {
        HandlerBenchmark benchmark = new HandlerBenchmark();
        benchmark.contender = contender.name();
        benchmark.dynamoDb = dynamoDb;
        benchmark.setUp();
        return benchmark;
    }
}
