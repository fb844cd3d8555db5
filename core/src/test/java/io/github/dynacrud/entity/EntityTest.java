package io.github.dynacrud.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.fixtures.Everything;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTest {
    private static final String NOTE_COMPONENTS =
            "[ownerId, id, text, tags, version, count, createdAt, updatedAt, expiresAt, day, email, color]";

    enum Color { RED, GREEN }

    /** A record with a component for every role and every kind of mistake. */
    record Note(String ownerId, String id, String text, List<String> tags, Long version, int count,
            Instant createdAt, Instant updatedAt, Instant expiresAt, LocalDate day, String email, Color color) {
    }

    record WithPk(String id, String PK) {
    }

    record WithSk(String id, String SK) {
    }

    record WithType(String id, String _type) {
    }

    record WithIndexPk(String id, String email, String GSI1PK) {
    }

    record WithIndexSk(String id, String email, String GSI1SK) {
    }

    /** A plain class, not a record; reached only through an unchecked cast. */
    static final class NotARecord {
    }

    private static Entity.Builder<Note> note() {
        return Entity.of(Note.class).partitionKey("NOTE#{id}").sortKey("NOTE");
    }

    private static Entity.Builder<Note> ownedNote() {
        return Entity.of(Note.class).partitionKey("USER#{ownerId}").sortKey("NOTE#{id}").owner("ownerId");
    }

    // ---- the fixtures ---------------------------------------------------------------------------------------

    @Test
    void todo_fixture_exposesItsKeysRolesAndIndex() {
        // GIVEN
        Entity<Todo> todo = Todo.ENTITY;

        // WHEN
        Index gsi1 = todo.index("GSI1");

        // THEN
        assertThat(todo.recordType()).isEqualTo(Todo.class);
        assertThat(todo.type()).isEqualTo("Todo");
        assertThat(todo.partitionKey()).isEqualTo(KeyTemplate.parse("USER#{ownerId}"));
        assertThat(todo.sortKey()).isEqualTo(KeyTemplate.parse("TODO#{id}"));
        assertThat(todo.indexes()).containsExactly(gsi1);
        assertThat(gsi1.name()).isEqualTo("GSI1");
        assertThat(gsi1.partitionKey()).isEqualTo(KeyTemplate.parse("USER#{ownerId}"));
        assertThat(gsi1.sortKey()).isEqualTo(KeyTemplate.parse("DONE#{done}#{id}"));
        assertThat(gsi1.partitionKeyAttribute()).isEqualTo("GSI1PK");
        assertThat(gsi1.sortKeyAttribute()).isEqualTo("GSI1SK");
        assertThat(todo.idAttribute()).contains("id");
        assertThat(todo.generatesId()).isTrue();
        assertThat(todo.ownerAttribute()).contains("ownerId");
        assertThat(todo.versionAttribute()).contains("version");
        assertThat(todo.createdAtAttribute()).contains("createdAt");
        assertThat(todo.updatedAtAttribute()).contains("updatedAt");
        assertThat(todo.ttlAttribute()).isEmpty();
        assertThat(todo.uniqueAttributes()).isEmpty();
        assertThat(todo.keyAttributes()).containsExactly("ownerId", "id");
        assertThat(todo.managedAttributes()).containsExactly("ownerId", "id", "version", "createdAt", "updatedAt");
        assertThat(todo.hiddenAttributes()).containsExactly("ownerId");
        assertThat(todo).hasToString("Entity[Todo USER#{ownerId} TODO#{id}]");
    }

    @Test
    void user_fixture_exposesUniqueAndHiddenAttributes() {
        // GIVEN
        Entity<User> user = User.ENTITY;

        // WHEN
        Index gsi1 = user.index("GSI1");

        // THEN
        assertThat(user.type()).isEqualTo("User");
        assertThat(user.partitionKey().pattern()).isEqualTo("USER#{id}");
        assertThat(user.sortKey().pattern()).isEqualTo("PROFILE");
        assertThat(gsi1.partitionKey().pattern()).isEqualTo("EMAIL#{email}");
        assertThat(gsi1.sortKey().pattern()).isEqualTo("USER");
        assertThat(user.ownerAttribute()).isEmpty();
        assertThat(user.idAttribute()).contains("id");
        assertThat(user.generatesId()).isTrue();
        assertThat(user.uniqueAttributes()).containsExactly("email");
        assertThat(user.hiddenAttributes()).containsExactly("passwordHash");
        assertThat(user.keyAttributes()).containsExactly("id");
        assertThat(user.managedAttributes()).containsExactly("id", "version", "createdAt", "updatedAt");
    }

    @Test
    void everything_fixture_hasOnlyAnIdAndTtl() {
        // GIVEN
        Entity<Everything> everything = Everything.ENTITY;

        // WHEN
        var managed = everything.managedAttributes();

        // THEN
        assertThat(managed).isEmpty();
        assertThat(everything.keyAttributes()).containsExactly("id");
        assertThat(everything.idAttribute()).contains("id");
        assertThat(everything.generatesId()).isFalse();
        assertThat(everything.ttlAttribute()).contains("expiresAt");
        assertThat(everything.versionAttribute()).isEmpty();
        assertThat(everything.createdAtAttribute()).isEmpty();
        assertThat(everything.updatedAtAttribute()).isEmpty();
        assertThat(everything.ownerAttribute()).isEmpty();
        assertThat(everything.hiddenAttributes()).isEmpty();
        assertThat(everything.indexes()).isEmpty();
    }

    // ---- metadata of built entities -------------------------------------------------------------------------

    @Test
    void build_noTypeGiven_usesTheRecordsSimpleName() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN
        Entity<Note> entity = builder.build();

        // THEN
        assertThat(entity.type()).isEqualTo("Note");
    }

    @Test
    void hiddenAttributes_ownerScoped_containOwnerByDefault() {
        // GIVEN
        Entity.Builder<Note> builder = ownedNote().hidden("email");

        // WHEN
        Entity<Note> entity = builder.build();

        // THEN
        assertThat(entity.hiddenAttributes()).containsExactlyInAnyOrder("email", "ownerId");
    }

    @Test
    void hiddenAttributes_ownerVisible_leaveOwnerOut() {
        // GIVEN
        Entity.Builder<Note> builder = ownedNote().hidden("email").ownerVisible();

        // WHEN
        Entity<Note> entity = builder.build();

        // THEN
        assertThat(entity.hiddenAttributes()).containsExactly("email");
        assertThat(entity.ownerAttribute()).contains("ownerId");
    }

    @Test
    void indexes_severalDeclared_keepDeclarationOrder() {
        // GIVEN
        Entity.Builder<Note> builder = ownedNote()
                .index("GSI2", "USER#{ownerId}", "DAY#{day}")
                .index("GSI1", "USER#{ownerId}", "COLOR#{color}#{id}");

        // WHEN
        Entity<Note> entity = builder.build();

        // THEN
        assertThat(entity.indexes()).extracting(Index::name).containsExactly("GSI2", "GSI1");
        assertThat(entity.index("GSI1").sortKey().attributes()).containsExactly("color", "id");
    }

    @Test
    void index_unknownName_namesTheKnownOnes() {
        // GIVEN
        Entity<Note> entity = ownedNote()
                .index("GSI1", "USER#{ownerId}", "DAY#{day}")
                .index("ByColor", "USER#{ownerId}", "COLOR#{color}")
                .build();

        // WHEN / THEN
        assertThatThrownBy(() -> entity.index("GSI9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Note has no index 'GSI9'; it has [GSI1, ByColor]");
    }

    @Test
    void index_entityWithoutIndexes_saysItHasNone() {
        // GIVEN
        Entity<Everything> entity = Everything.ENTITY;

        // WHEN / THEN
        assertThatThrownBy(() -> entity.index("GSI1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Everything has no index 'GSI1'; it has []");
    }

    @Test
    void managedAttributes_plainId_leavesIdOut() {
        // GIVEN
        Entity.Builder<Note> builder = ownedNote().id("id").version("version").timestamps("createdAt", "updatedAt");

        // WHEN
        Entity<Note> entity = builder.build();

        // THEN
        assertThat(entity.generatesId()).isFalse();
        assertThat(entity.managedAttributes()).containsExactly("ownerId", "version", "createdAt", "updatedAt");
    }

    // ---- templates ------------------------------------------------------------------------------------------

    @Test
    void build_unknownAttributeInPartitionKey_namesTheTemplateAndAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("USER#{userId}").sortKey("NOTE#{id}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition key template 'USER#{userId}' names 'userId', which Note does not have");
    }

    @Test
    void build_unknownAttributeInSortKey_namesTheTemplateAndAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("NOTES").sortKey("NOTE#{noteId}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sort key template 'NOTE#{noteId}' names 'noteId', which Note does not have");
    }

    @Test
    void build_unknownAttributeInIndexPartitionKey_namesTheIndexTemplateAndAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = note().index("GSI1", "TAG#{tag}", "NOTE#{id}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index GSI1 partition key template 'TAG#{tag}' names 'tag', which Note does not have");
    }

    @Test
    void build_unknownAttributeInIndexSortKey_namesTheIndexTemplateAndAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = note().index("GSI1", "EMAIL#{email}", "AT#{created}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index GSI1 sort key template 'AT#{created}' names 'created', which Note does not have");
    }

    record Price(String id, java.math.BigDecimal amount) {
    }

    @Test
    void build_decimalInASortKey_isRefused_inAPartitionKeyAccepted() {
        // GIVEN
        Entity.Builder<Price> sorted = Entity.of(Price.class).partitionKey("PRICE").sortKey("AMOUNT#{amount}#{id}");
        Entity.Builder<Price> indexed = Entity.of(Price.class).partitionKey("PRICE#{id}").sortKey("PRICE")
                .index("GSI1", "PRICES", "AMOUNT#{amount}");
        Entity.Builder<Price> partitioned = Entity.of(Price.class).partitionKey("AMOUNT#{amount}")
                .sortKey("PRICE#{id}");

        // WHEN / THEN
        assertThatThrownBy(sorted::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sort key template 'AMOUNT#{amount}#{id}' names 'amount', a BigDecimal, whose key text"
                        + " would not sort by value; use an int or a long, which keys hold at a fixed width, or a"
                        + " String you format");
        assertThatThrownBy(indexed::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("index GSI1 sort key template 'AMOUNT#{amount}' names 'amount', a BigDecimal");
        assertThat(partitioned.build().partitionKey().attributes()).containsExactly("amount");
    }

    @Test
    void build_templateNamingNonKeyType_namesTheTemplateAttributeAndType() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("TAG#{tags}").sortKey("NOTE#{id}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition key template 'TAG#{tags}' names 'tags' of type List; keys take String, number,"
                        + " boolean, LocalDate, Instant or enum attributes");
    }

    @Test
    void partitionKey_invalidSegment_namesTheTemplateAndSegment() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class);

        // WHEN / THEN
        assertThatThrownBy(() -> builder.partitionKey("USER#{owner id}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template 'USER#{owner id}' has an invalid segment '{owner id}': use letters,"
                        + " digits, '_', '.', ':' or '-', or one {attribute} per segment");
    }

    @Test
    void sortKey_invalidSegment_namesTheTemplateAndSegment() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class);

        // WHEN / THEN
        assertThatThrownBy(() -> builder.sortKey("NOTE/{id}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template 'NOTE/{id}' has an invalid segment 'NOTE/{id}': use letters,"
                        + " digits, '_', '.', ':' or '-', or one {attribute} per segment");
    }

    @Test
    void index_invalidSegment_namesTheTemplateAndSegment() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.index("GSI1", "EMAIL#{email}", "DAY##{day}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template 'DAY##{day}' has an invalid segment '': use letters,"
                        + " digits, '_', '.', ':' or '-', or one {attribute} per segment");
    }

    @Test
    void build_primaryKeyWithoutPlaceholder_namesBothTemplates() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("NOTES").sortKey("NOTE");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the primary key of Note ('NOTES', 'NOTE') has no placeholder that tells its items apart,"
                        + " such as '{id}'");
    }

    @Test
    void build_primaryKeyWithOnlyTheOwner_namesBothTemplates() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("USER#{ownerId}").sortKey("NOTE")
                .owner("ownerId");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the primary key of Note ('USER#{ownerId}', 'NOTE') has no placeholder that tells its"
                        + " items apart, such as '{id}'");
    }

    @Test
    void build_primaryKeyWithOnlyTheOwnerTwice_namesBothTemplates() {
        // GIVEN: the owner in both templates still tells no two items of one owner apart
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTE#{ownerId}").owner("ownerId");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the primary key of Note ('USER#{ownerId}', 'NOTE#{ownerId}') has no placeholder that"
                        + " tells its items apart, such as '{id}'");
    }

    @Test
    void build_sortKeyStartingWithPlaceholder_suggestsALiteralPrefix() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("NOTES").sortKey("{id}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sort key template '{id}' of Note must start with a literal, such as 'NOTE#{id}', so its"
                        + " items can be listed");
    }

    @Test
    void index_declaredTwice_namesTheIndex() {
        // GIVEN
        Entity.Builder<Note> builder = note().index("GSI1", "EMAIL#{email}", "NOTE");

        // WHEN / THEN
        assertThatThrownBy(() -> builder.index("GSI1", "DAY#{day}", "NOTE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index 'GSI1' is declared twice");
    }

    @Test
    void index_invalidName_namesTheName() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.index("GSI 1", "EMAIL#{email}", "NOTE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index name 'GSI 1' must be letters, digits or '_', starting with a letter");
    }

    @Test
    void type_invalidName_namesTheName() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.type("1note"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entity type '1note' must be letters, digits or '_', starting with a letter");
    }

    // ---- roles ----------------------------------------------------------------------------------------------

    @Test
    void build_idNotInPrimaryKey_namesTheId() {
        // GIVEN
        Entity.Builder<Note> builder = note().id("email");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id attribute 'email' of Note must appear in the partition or sort key template");
    }

    @Test
    void id_unknownAttribute_namesItAndTheComponents() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.id("noteId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id attribute 'noteId' is not a component of Note; it has " + NOTE_COMPONENTS);
    }

    @Test
    void generatedId_notAString_namesTheType() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.generatedId("count"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id attribute 'count' of Note has type int; use String");
    }

    @Test
    void build_ownerNotInPartitionKey_namesOwnerAndTemplate() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("NOTES").sortKey("NOTE#{ownerId}#{id}")
                .owner("ownerId");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("owner attribute 'ownerId' of Note must appear in the partition key template,"
                        + " which is 'NOTES'");
    }

    @Test
    void owner_notAString_namesTheType() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.owner("color"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("owner attribute 'color' of Note has type Color; use String");
    }

    @Test
    void build_ownerScopedIndexWithoutOwnerInPartition_namesIndexAndTemplate() {
        // GIVEN: the owner only in the index's sort key does not keep other owners out of a query
        Entity.Builder<Note> builder = ownedNote().index("GSI1", "DAY#{day}", "USER#{ownerId}#{id}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index GSI1 partition key template 'DAY#{day}' of owner-scoped Note must contain"
                        + " {ownerId}, or a query could see other owners' items");
    }

    @Test
    void version_wrongType_namesTheAllowedTypes() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.version("text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version attribute 'text' of Note has type String; use Integer or int or Long or long");
    }

    @Test
    void timestamps_createdAtWrongType_namesTheAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.timestamps("day", "updatedAt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("createdAt timestamp attribute 'day' of Note has type LocalDate; use Instant");
    }

    @Test
    void timestamps_updatedAtWrongType_namesTheAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.timestamps("createdAt", "version"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("updatedAt timestamp attribute 'version' of Note has type Long; use Instant");
    }

    @Test
    void timestamps_sameAttributeTwice_namesIt() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.timestamps("createdAt", "createdAt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamps need two attributes; both are 'createdAt'");
    }

    @Test
    void ttl_wrongType_namesTheAllowedTypes() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.ttl("day"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl attribute 'day' of Note has type LocalDate; use Instant or Long or long");
    }

    @Test
    void ttl_unknownAttribute_namesItAndTheComponents() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.ttl(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl attribute 'null' is not a component of Note; it has " + NOTE_COMPONENTS);
    }

    @Test
    void build_versionInPartitionKey_namesTemplateAndVersion() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("NOTE#{id}#{version}").sortKey("NOTE")
                .version("version");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition key template 'NOTE#{id}#{version}' names the version 'version', which changes"
                        + " on every write");
    }

    @Test
    void build_versionInIndexSortKey_namesIndexTemplateAndVersion() {
        // GIVEN
        Entity.Builder<Note> builder = note().version("version").index("GSI1", "EMAIL#{email}", "V#{version}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index GSI1 sort key template 'V#{version}' names the version 'version', which changes"
                        + " on every write");
    }

    @Test
    void build_timestampInPrimaryKey_namesTheAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("NOTE#{id}").sortKey("AT#{updatedAt}")
                .timestamps("createdAt", "updatedAt");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute 'updatedAt' of Note changes on writes, so it cannot be part of the primary key");
    }

    @Test
    void build_ttlInPrimaryKey_namesTheAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).partitionKey("NOTE#{id}").sortKey("EXP#{expiresAt}")
                .ttl("expiresAt");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute 'expiresAt' of Note changes on writes, so it cannot be part of the primary key");
    }

    // ---- unique attributes ----------------------------------------------------------------------------------

    @Test
    void build_uniqueWithoutVersion_namesTheUniqueAttributes() {
        // GIVEN
        Entity.Builder<Note> builder = note().unique("email", "day");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Note has unique attributes [email, day], which need a version attribute: writes check"
                        + " the version they read");
    }

    @Test
    void build_uniqueWithNormalization_normalizesOnlyThatAttribute() {
        // WHEN
        Entity<Note> entity = note().id("id").version("version").unique("email", email -> email.toLowerCase(Locale.ROOT))
                .unique("day").build();

        // THEN
        assertThat(entity.uniqueAttributes()).containsExactly("email", "day");
        assertThat(entity.uniqueNormalization("email").apply("Ada@Example.COM")).isEqualTo("ada@example.com");
        assertThat(entity.uniqueNormalization("day").apply("2026-01-02")).isEqualTo("2026-01-02");
    }

    @Test
    void build_uniqueNormalizationOfANonStringAttribute_isRefusedNamingIt() {
        // WHEN / THEN
        assertThatThrownBy(() -> note().unique("day", String::trim))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unique attribute 'day' of Note has type LocalDate; a normalization applies to String"
                        + " attributes");
        assertThatThrownBy(() -> note().unique("email", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("normalization of unique attribute 'email'");
    }

    @Test
    void uniqueNormalization_ofAnAttributeThatIsNotUnique_isRefused() {
        // GIVEN
        Entity<Note> entity = note().id("id").version("version").unique("email").build();

        // WHEN / THEN
        assertThatThrownBy(() -> entity.uniqueNormalization("text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'text' is not a unique attribute of Note; it has [email]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"partition", "sort", "index partition", "index sort"})
    void build_templateStartingWithTheGuardPrefix_isRefusedNamingIt(String which) {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).id("id")
                .partitionKey(which.equals("partition") ? "UNIQUE#{id}" : "NOTE#{id}")
                .sortKey(which.equals("sort") ? "UNIQUE#{text}" : "NOTE")
                .index("GSI1", which.equals("index partition") ? "UNIQUE#{email}" : "EMAIL#{email}",
                        which.equals("index sort") ? "UNIQUE" : "NOTE");
        String template = which.equals("index sort") ? "UNIQUE" : which.equals("partition") ? "UNIQUE#{id}"
                : which.equals("sort") ? "UNIQUE#{text}" : "UNIQUE#{email}";

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template '" + template + "' of Note starts with 'UNIQUE', which dynacrud"
                        + " keeps for the guards of unique values; start it with another literal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IDEMPOTENCY#{id}", "IDEMPOTENCY"})
    void build_templateStartingWithTheIdempotencyPrefix_isRefusedNamingIt(String template) {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).id("id").partitionKey("NOTE#{id}").sortKey(template);

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key template '" + template + "' of Note starts with 'IDEMPOTENCY', which dynacrud"
                        + " keeps for idempotency records; start it with another literal");
    }

    record Member(String id, String email, String status, Long version, Instant createdAt, Instant updatedAt,
            Instant expiresAt) {
    }

    @Test
    void build_uniqueWithTtl_isRefusedBecauseGuardsWouldOutliveExpiredItems() {
        // GIVEN
        Entity.Builder<Member> builder = Entity.of(Member.class).partitionKey("MEMBER#{id}").sortKey("MEMBER")
                .id("id").version("version").unique("email").ttl("expiresAt");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Member has unique attributes [email] and a ttl: DynamoDB would expire the item but not"
                        + " the guards of its unique values, which would stay taken");
    }

    @Test
    void build_indexMixingCreatedAtWithAWritableAttribute_isRefused() {
        // GIVEN
        Entity.Builder<Member> builder = Entity.of(Member.class).partitionKey("MEMBER#{id}").sortKey("MEMBER")
                .id("id").timestamps("createdAt", "updatedAt")
                .index("GSI1", "STATUS#{status}", "CREATED#{createdAt}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index GSI1 of Member combines 'createdAt', which no write gives, with attributes a write"
                        + " can change [status, createdAt]: its keys could not be rebuilt without a read");
    }

    @Test
    void build_uniqueKeyAttribute_namesTheAttribute() {
        // GIVEN
        Entity.Builder<Note> builder = note().version("version").unique("email", "id");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unique attribute 'id' of Note is already part of the primary key");
    }

    @Test
    void unique_nonKeyType_namesTheType() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.unique("tags"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unique attribute 'tags' of Note has type List; use a String, number, boolean, date or"
                        + " enum");
    }

    @Test
    void build_uniqueWithVersion_keepsDeclarationOrder() {
        // GIVEN
        Entity.Builder<Note> builder = note().version("version").unique("email", "day", "email");

        // WHEN
        Entity<Note> entity = builder.build();

        // THEN
        assertThat(entity.uniqueAttributes()).containsExactly("email", "day");
    }

    @Test
    void hidden_unknownAttribute_namesItAndTheComponents() {
        // GIVEN
        Entity.Builder<Note> builder = note();

        // WHEN / THEN
        assertThatThrownBy(() -> builder.hidden("secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hidden attribute 'secret' is not a component of Note; it has " + NOTE_COMPONENTS);
    }

    // ---- reserved names -------------------------------------------------------------------------------------

    @Test
    void build_componentNamedPK_namesTheComponent() {
        // GIVEN
        Entity.Builder<WithPk> builder = Entity.of(WithPk.class).partitionKey("THING#{id}").sortKey("THING");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WithPk has a component named 'PK', which dynacrud uses for keys; rename it");
    }

    @Test
    void build_componentNamedSK_namesTheComponent() {
        // GIVEN
        Entity.Builder<WithSk> builder = Entity.of(WithSk.class).partitionKey("THING#{id}").sortKey("THING");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WithSk has a component named 'SK', which dynacrud uses for keys; rename it");
    }

    @Test
    void build_componentNamedType_namesTheComponent() {
        // GIVEN
        Entity.Builder<WithType> builder = Entity.of(WithType.class).partitionKey("THING#{id}").sortKey("THING");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WithType has a component named '_type', which dynacrud uses for keys; rename it");
    }

    @Test
    void build_componentNamedLikeDeclaredIndexPartitionKey_namesTheComponent() {
        // GIVEN
        Entity.Builder<WithIndexPk> builder = Entity.of(WithIndexPk.class).partitionKey("THING#{id}")
                .sortKey("THING").index("GSI1", "EMAIL#{email}", "THING");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WithIndexPk has a component named 'GSI1PK', which dynacrud uses for keys; rename it");
    }

    @Test
    void build_componentNamedLikeDeclaredIndexSortKey_namesTheComponent() {
        // GIVEN
        Entity.Builder<WithIndexSk> builder = Entity.of(WithIndexSk.class).partitionKey("THING#{id}")
                .sortKey("THING").index("GSI1", "EMAIL#{email}", "THING");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WithIndexSk has a component named 'GSI1SK', which dynacrud uses for keys; rename it");
    }

    @Test
    void build_componentNamedLikeUndeclaredIndexKey_isAllowed() {
        // GIVEN
        Entity.Builder<WithIndexPk> builder = Entity.of(WithIndexPk.class).partitionKey("THING#{id}")
                .sortKey("THING").index("GSI2", "EMAIL#{email}", "THING");

        // WHEN
        Entity<WithIndexPk> entity = builder.build();

        // THEN
        assertThat(entity.index("GSI2").partitionKeyAttribute()).isEqualTo("GSI2PK");
    }

    // ---- the record type and required templates -------------------------------------------------------------

    @Test
    void of_recordBaseClass_isRefused() {
        // GIVEN
        Class<Record> type = Record.class;

        // WHEN / THEN
        assertThatThrownBy(() -> Entity.of(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.Record is not a record");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void of_plainClass_namesTheClass() {
        // GIVEN
        Class<Record> type = (Class) NotARecord.class;

        // WHEN / THEN
        assertThatThrownBy(() -> Entity.of(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("io.github.dynacrud.entity.EntityTest$NotARecord is not a record");
    }

    @Test
    void of_null_isRefused() {
        // GIVEN
        Class<Note> type = null;

        // WHEN / THEN
        assertThatThrownBy(() -> Entity.of(type))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("recordType");
    }

    @Test
    void build_noPartitionKey_namesTheType() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).sortKey("NOTE#{id}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Note needs a partitionKey template, such as 'USER#{ownerId}'");
    }

    @Test
    void build_noSortKey_suggestsOneFromTheType() {
        // GIVEN
        Entity.Builder<Note> builder = Entity.of(Note.class).type("Memo").partitionKey("USER#{ownerId}");

        // WHEN / THEN
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Memo needs a sortKey template, such as 'MEMO#{id}'");
    }
}
