package io.github.dynacrud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynacrud.test.HttpApiEvents;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The warm benchmarks measure successful requests, and both handlers answer them alike. */
class HandlerBenchmarkTest {
    @ParameterizedTest
    @EnumSource(Contender.class)
    void everyBenchmark_answersWithSuccess(Contender contender) {
        // GIVEN
        HandlerBenchmark benchmark = benchmark(contender);

        // WHEN
        APIGatewayV2HTTPResponse create = benchmark.create();
        APIGatewayV2HTTPResponse get = benchmark.get();
        APIGatewayV2HTTPResponse list = benchmark.list();

        // THEN
        assertThat(create.getStatusCode()).isEqualTo(201);
        assertThat(HttpApiEvents.json(create).path("title").asText()).isEqualTo("Measure the cold start");
        assertThat(get.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.header(get, "ETag")).hasValue("\"3\"");
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(HttpApiEvents.json(list).path("items")).hasSize(TodoEvents.PAGE);
        assertThat(HttpApiEvents.json(list).path("nextCursor").asText()).isNotEmpty();
    }

    @Test
    void bothHandlers_representAStoredTodoAlike() {
        // GIVEN
        Map<Contender, HandlerBenchmark> benchmarks = new EnumMap<>(Contender.class);
        for (Contender contender : Contender.values()) {
            benchmarks.put(contender, benchmark(contender));
        }

        // WHEN
        Function<Contender, JsonNode> get = contender -> HttpApiEvents.json(benchmarks.get(contender).get());
        Function<Contender, JsonNode> firstListed = contender ->
                HttpApiEvents.json(benchmarks.get(contender).list()).path("items").get(0);

        // THEN
        assertThat(get.apply(Contender.DYNACRUD)).isEqualTo(get.apply(Contender.BASELINE));
        assertThat(firstListed.apply(Contender.DYNACRUD)).isEqualTo(firstListed.apply(Contender.BASELINE));
    }

    private static HandlerBenchmark benchmark(Contender contender) {
        HandlerBenchmark benchmark = new HandlerBenchmark();
        benchmark.contender = contender.name();
        benchmark.setUp();
        return benchmark;
    }
}
