package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
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

    @BeforeEach
    void forgetTheLastId() {
        Ulid.reseed();
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
        // GIVEN: one id per millisecond, so each draws fresh random bits
        long start = 1_700_000_000_000L;

        // WHEN
        List<Set<Character>> seen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            seen.add(new HashSet<>());
        }
        for (int n = 0; n < 5_000; n++) {
            String id = Ulid.next(at(start + n));
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
            Ulid.reseed();
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

    @Test
    void next_sameMillisecond_incrementsTheRandomPart() {
        // GIVEN
        Clock clock = at(1_700_000_000_000L);

        // WHEN
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ulid.next(clock));
        }

        // THEN: strictly increasing, each the previous plus one in its last 80 bits
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < ids.size(); i++) {
            assertThat(randomPart(ids.get(i)) - randomPart(ids.get(i - 1))).isEqualTo(1L);
        }
    }

    @Test
    void next_randomPartAtItsLargest_movesTheTimeOnInsteadOfFailing() {
        // GIVEN a sequence one step before its largest random part
        long time = 1_700_000_000_000L;
        Ulid.continueFrom(time, (1L << 40) - 1, (1L << 40) - 2);
        String largest = Ulid.next(at(time));

        // WHEN
        String next = Ulid.next(at(time));

        // THEN
        assertThat(largest).endsWith("ZZZZZZZZZZZZZZZZ");
        assertThat(decodeTime(largest)).isEqualTo(time);
        assertThat(next).isGreaterThan(largest).endsWith("0000000000000000");
        assertThat(decodeTime(next)).isEqualTo(time + 1);
    }

    @Test
    void reseed_forgetsTheSequence_soTheNextIdDrawsFreshBits() {
        // GIVEN
        Clock clock = at(1_700_000_000_000L);
        String before = Ulid.next(clock);

        // WHEN
        Ulid.reseed();
        String after = Ulid.next(clock);

        // THEN: not the previous plus one, which a restored copy would share with its siblings
        assertThat(randomPart(after) - randomPart(before)).isNotEqualTo(1L);
    }

    /** The last 60 of the 80 random bits, enough to compare neighbours. */
    private static long randomPart(String ulid) {
        long bits = 0;
        for (char c : ulid.substring(14).toCharArray()) {
            bits = bits * 32 + CROCKFORD.indexOf(c);
        }
        return bits;
    }
}
