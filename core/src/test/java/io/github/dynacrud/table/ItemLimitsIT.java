package io.github.dynacrud.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.AwsFailures;
import io.github.dynacrud.internal.ItemLimits;
import io.github.dynacrud.local.LocalTable;
import io.github.dynacrud.testing.DynamoDbLocalExtension;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Input that DynamoDB would refuse for its limits is a {@link ValidationException} naming the attribute, on every
 * write path, and nothing is written; an update that grows an item past 400 KB, which only DynamoDB can tell, is one
 * too.
 */
class ItemLimitsIT {
    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final Scope ANYONE = Scope.unscoped();
    private static final String KB_150 = "x".repeat(150_000);

    /** A record of the component types whose values can break a DynamoDB limit. */
    record Sample(String id, String text, BigDecimal amount, double ratio, Float share, List<String> tags,
            Map<String, String> attributes, Set<BigDecimal> levels, Inner inner, Long version) {
        static final Entity<Sample> ENTITY = Entity.of(Sample.class).type("Sample").partitionKey("SAMPLE#{id}")
                .sortKey("SAMPLE").id("id").version("version").build();

        static Sample of(String id) {
            return new Sample(id, "t", BigDecimal.ONE, 0.5, 0.25f, List.of(), Map.of(), Set.of(), null, null);
        }

        Sample withText(String value) {
            return new Sample(id, value, amount, ratio, share, tags, attributes, levels, inner, version);
        }

        Sample withAmount(BigDecimal value) {
            return new Sample(id, text, value, ratio, share, tags, attributes, levels, inner, version);
        }

        Sample withRatio(double value) {
            return new Sample(id, text, amount, value, share, tags, attributes, levels, inner, version);
        }
    }

    /** A nested record with a set. */
    record Inner(String name, Set<String> labels) {
    }

    /** A record nested 33 levels deep, counting the item. */
    record Deep(String id,
            List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<
            List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<String>>>>>>>>>>>>>>>>
            >>>>>>>>>>>>>>>> levels) {
        static final Entity<Deep> ENTITY = Entity.of(Deep.class).type("Deep").partitionKey("DEEP#{id}")
                .sortKey("DEEP").id("id").build();
    }

    /** A sort key of four placeholders: each part fits, all four together do not. */
    record Wide(String a, String b, String c, String d, String e) {
        static final Entity<Wide> ENTITY = Entity.of(Wide.class).type("Wide").partitionKey("WIDE#{a}")
                .sortKey("W#{b}#{c}#{d}#{e}").build();
    }

    private EntityRepository<Sample> samples;
    private EntityRepository<Deep> deeps;
    private EntityRepository<Wide> wides;

    @BeforeEach
    void createTable(DynamoDbClient client) {
        String tableName = DynamoDbLocalExtension.uniqueTableName("limits");
        LocalTable.create(client, tableName, Sample.ENTITY, Deep.ENTITY, Wide.ENTITY);
        SingleTable table = SingleTable.builder().client(client).tableName(tableName).build();
        samples = table.repository(Sample.ENTITY);
        deeps = table.repository(Deep.ENTITY);
        wides = table.repository(Wide.ENTITY);
    }

    private static void assertRefused(ThrowingCallable call, Violation... expected) {
        assertThat(assertThatExceptionOfType(ValidationException.class).isThrownBy(call).actual().violations())
                .containsExactlyInAnyOrder(expected);
    }

    @Test
    void create_itemOver400KB_isRefusedNamingTheLargestAttribute_andNothingIsWritten() {
        // GIVEN
        Sample huge = Sample.of("huge").withText("\u00e9".repeat(205_000));

        // WHEN / THEN
        assertRefused(() -> samples.create(ANYONE, huge), new Violation("text", ItemLimits.SIZE_MESSAGE));
        assertThat(samples.get(ANYONE, "huge")).isEmpty();
    }

    @Test
    void replace_withValuesOver400KB_isRefusedBeforeSending() {
        // GIVEN
        Sample stored = samples.create(ANYONE, Sample.of("r"));

        // WHEN / THEN
        assertRefused(() -> samples.replace(ANYONE, stored.withText("y".repeat(410_000))),
                new Violation("text", ItemLimits.SIZE_MESSAGE));
        assertThat(samples.get(ANYONE, "r")).contains(stored);
    }

    @Test
    void patch_growingTheItemPast400KB_isAValidationException_andTheItemIsUnchanged() {
        // GIVEN an item grown to 300 KB by two patches
        samples.create(ANYONE, Sample.of("grow"));
        samples.patch(ANYONE, "grow", Map.of("text", KB_150));
        Sample grown = samples.patch(ANYONE, "grow", Map.of("tags", List.of(KB_150)));

        // WHEN a third patch would make it 450 KB
        // THEN it is refused as the client's, with dynacrud's message
        assertRefused(() -> samples.patch(ANYONE, "grow", Map.of("attributes", Map.of("k", KB_150))),
                new Violation(AwsFailures.ITEM_FIELD, ItemLimits.SIZE_MESSAGE));
        assertThat(samples.get(ANYONE, "grow")).contains(grown);
        assertThat(grown.version()).isEqualTo(3L);
    }

    @Test
    void numbersDynamoDbCannotHold_areRefusedOnCreateAndPatch_whateverTheirJavaType() {
        // GIVEN
        Sample base = Sample.of("n");
        Violation amount = new Violation("amount", ItemLimits.NUMBER_MESSAGE);
        Violation ratio = new Violation("ratio", ItemLimits.NUMBER_MESSAGE);

        // WHEN / THEN
        assertRefused(() -> samples.create(ANYONE, base.withAmount(new BigDecimal("1e200"))), amount);
        assertRefused(() -> samples.create(ANYONE, base.withAmount(new BigDecimal("1e-131"))), amount);
        assertRefused(() -> samples.create(ANYONE,
                base.withAmount(new BigDecimal("1234567890123456789012345678901234567.89"))), amount);
        assertRefused(() -> samples.create(ANYONE, base.withRatio(1e200)), ratio);
        assertRefused(() -> samples.create(ANYONE, base.withRatio(Double.MIN_VALUE)), ratio);
        assertRefused(() -> samples.create(ANYONE, base.withRatio(Double.POSITIVE_INFINITY)), ratio);
        assertRefused(() -> samples.create(ANYONE, base.withRatio(Double.NaN)), ratio);
        assertThat(samples.get(ANYONE, "n")).isEmpty();
        Sample stored = samples.create(ANYONE,
                base.withAmount(new BigDecimal("9.9999999999999999999999999999999999999E+125")));
        assertRefused(() -> samples.patch(ANYONE, "n", Map.of("amount", new BigDecimal("1e200"))), amount);
        assertRefused(() -> samples.patch(ANYONE, "n", Map.of("ratio", Double.NEGATIVE_INFINITY)), ratio);
        assertThat(samples.get(ANYONE, "n")).contains(stored);
    }

    @Test
    void smallestFloatAndLargestDecimal_areStoredAndReadBack() {
        // GIVEN
        Sample edge = new Sample("edge", "t", new BigDecimal("-9.9999999999999999999999999999999999999E+125"), 1e-130,
                Float.MIN_VALUE, List.of(), Map.of(), Set.of(new BigDecimal("1E-130")), null, null);

        // WHEN
        Sample stored = samples.create(ANYONE, edge);

        // THEN
        assertThat(samples.get(ANYONE, "edge")).contains(stored);
        assertThat(stored.share()).isEqualTo(Float.MIN_VALUE);
        assertThat(stored.ratio()).isEqualTo(1e-130);
    }

    @Test
    void setsAndMapsDynamoDbRefuses_areRefusedNamingTheAttribute() {
        // GIVEN
        Sample twice = new Sample("s", "t", null, 0, null, List.of(), Map.of(),
                Set.of(new BigDecimal("1.0"), new BigDecimal("1.00")), null, null);
        Sample emptyKey = new Sample("s", "t", null, 0, null, List.of(), Map.of("", "v"), Set.of(), null, null);

        // WHEN / THEN
        assertRefused(() -> samples.create(ANYONE, twice),
                new Violation("levels", "must not hold the same number twice"));
        assertRefused(() -> samples.create(ANYONE, emptyKey),
                new Violation("attributes", "must not have an empty key"));
        assertThat(samples.get(ANYONE, "s")).isEmpty();
    }

    @Test
    void emptySetInANestedRecord_isLeftOut_asAtTheTopLevel_andReadsBackEmpty() {
        // GIVEN
        Sample nested = new Sample("e", "t", null, 0, null, List.of(), Map.of(), Set.of(), new Inner("n", Set.of()),
                null);

        // WHEN
        Sample created = samples.create(ANYONE, nested);
        Sample patched = samples.patch(ANYONE, "e", Map.of("inner", new Inner("n", Set.of())));

        // THEN
        assertThat(created.inner()).isEqualTo(new Inner("n", Set.of()));
        assertThat(samples.get(ANYONE, "e")).contains(patched);
        assertThat(patched.inner()).isEqualTo(new Inner("n", Set.of()));
    }

    @Test
    void create_nestedDeeperThan32Levels_isRefused() {
        // GIVEN 32 nested lists: with the item, 33 levels
        Object levels = "v";
        for (int i = 0; i < 32; i++) {
            List<Object> list = new ArrayList<>();
            list.add(levels);
            levels = list;
        }
        @SuppressWarnings("unchecked")
        Deep deep = new Deep("d", (
                List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<
                List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<List<String>>>>>>>>>>>>>>>>
                >>>>>>>>>>>>>>>>) levels);

        // WHEN / THEN
        assertRefused(() -> deeps.create(ANYONE, deep),
                new Violation("levels", "must not nest deeper than DynamoDB's 32 levels"));
        assertThat(deeps.get(ANYONE, "d")).isEmpty();
    }

    @Test
    void sortKeyLongerThan1024Bytes_isRefusedNamingItsParts_whileEachPartFits() {
        // GIVEN four parts of 256 bytes of two-byte characters: 1,026 bytes with the literal and separators
        String part = "\u00e9".repeat(128);
        Wide wide = new Wide("a", part, part, part, part);
        String message = "makes a key longer than DynamoDB's limit of 1024 bytes";

        // WHEN / THEN
        assertRefused(() -> wides.create(ANYONE, wide), new Violation("b", message), new Violation("c", message),
                new Violation("d", message), new Violation("e", message));
    }
}
