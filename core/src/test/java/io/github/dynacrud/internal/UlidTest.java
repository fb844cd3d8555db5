package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UlidTest {
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static long decodeTime(String ulid) {
        long time = 0;
        for (char c : ulid.substring(0, 10).toCharArray()) {
            time = time * 32 + CROCKFORD.indexOf(c);
        }
        return time;
    }

    @Test
    void next_isTwentySixCrockfordCharacters() {
        // GIVEN
        Clock clock = Clock.systemUTC();

        // WHEN
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(Ulid.next(clock));
        }

        // THEN
        assertThat(ids).allSatisfy(id -> assertThat(id).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}"));
    }

    @Test
    void next_randomPart_usesTheWholeAlphabetInEveryPosition() {
        // GIVEN
        Clock clock = at(1_700_000_000_000L);

        // WHEN
        List<Set<Character>> seen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            seen.add(new HashSet<>());
        }
        for (int n = 0; n < 5_000; n++) {
            String id = Ulid.next(clock);
            for (int i = 0; i < 16; i++) {
                seen.get(i).add(id.charAt(10 + i));
            }
        }

        // THEN: 5,000 draws miss one of 32 characters in a position with probability about 32 * (31/32)^5000
        assertThat(seen).allSatisfy(chars -> assertThat(chars).hasSize(32));
    }

    @Test
    void next_knownTime_encodesItInTheFirstTenCharacters() {
        // GIVEN: the example of the ULID specification
        Clock clock = at(1_469_918_176_385L);

        // WHEN
        String id = Ulid.next(clock);

        // THEN
        assertThat(id).startsWith("01ARYZ6S41");
        assertThat(decodeTime(id)).isEqualTo(1_469_918_176_385L);
    }

    @Test
    void next_epochAndLargestTime_encodeTheBounds() {
        // GIVEN
        Clock epoch = at(0L);
        Clock largest = at((1L << 48) - 1);

        // WHEN
        String first = Ulid.next(epoch);
        String last = Ulid.next(largest);

        // THEN
        assertThat(first).startsWith("0000000000");
        assertThat(last).startsWith("7ZZZZZZZZZ");
    }

    @Test
    void next_anyTime_decodesBackFromTheFirstTenCharacters() {
        // GIVEN
        long[] times = {1L, 31L, 32L, 1_023L, 1_024L, 1_700_000_000_123L, 4_102_444_800_000L};

        // WHEN / THEN
        for (long time : times) {
            assertThat(decodeTime(Ulid.next(at(time)))).as("time %d", time).isEqualTo(time);
        }
    }

    @Test
    void next_increasingMillis_sortInCreationOrder() {
        // GIVEN: steps across the places where the last time characters roll over
        long start = 1_700_000_000_000L - 40;
        List<String> ids = new ArrayList<>();

        // WHEN
        for (long millis = start; millis < start + 2_100; millis++) {
            ids.add(Ulid.next(at(millis)));
        }

        // THEN
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void next_millisOneApart_sortInCreationOrderWhateverTheRandomPart() {
        // GIVEN
        Clock earlier = at(1_700_000_000_000L);
        Clock later = at(1_700_000_000_001L);

        // WHEN / THEN
        for (int i = 0; i < 1_000; i++) {
            String first = Ulid.next(earlier);
            String second = Ulid.next(later);
            assertThat(first).isLessThan(second);
        }
    }

    @Test
    void next_tenThousandAtSameMillisecond_areDistinct() {
        // GIVEN
        Clock clock = at(1_700_000_000_000L);

        // WHEN
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ulid.next(clock));
        }

        // THEN
        assertThat(ids).hasSize(10_000).allSatisfy(id -> assertThat(id).startsWith("01HF7YAT00"));
    }
}
