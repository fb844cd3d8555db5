package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.fixtures.Note;
import io.github.dynacrud.fixtures.Notebook;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.Trip;
import io.github.dynacrud.fixtures.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key entity types of a collection share: refusals, rendering of the exact range, and sort order of members. */
class CollectionKeyTest {
    /** A notebook whose sort key ends with its id, as a note's sort key goes on past it. */
    record Shelf(String ownerId, String id) {
        static final Entity<Shelf> ENTITY = Entity.of(Shelf.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTEBOOK#{id}").id("id").owner("ownerId").build();
    }

    /** A notebook whose own sort key sorts after its notes'. */
    record LateNotebook(String ownerId, String id) {
        static final Entity<LateNotebook> ENTITY = Entity.of(LateNotebook.class).partitionKey("USER#{ownerId}")
                .sortKey("NOTEBOOK#{id}#SUMMARY").id("id").owner("ownerId").build();
    }

    private final CollectionKey notebook = new CollectionKey(List.of(Notebook.ENTITY, Note.ENTITY));

    @Test
    void render_sharedValueUnderEitherName_isTheOwnersPartitionAndThePrefixEndingWithTheSeparator() {
        assertThat(notebook.partition(Optional.of("alice"), Map.of("notebookId", "nb1"))).isEqualTo("USER#alice");
        assertThat(notebook.sortPrefix(Map.of("notebookId", "nb1"))).isEqualTo("NOTEBOOK#nb1#");
        assertThat(notebook.sortPrefix(Map.of("id", "nb1 x"))).isEqualTo("NOTEBOOK#nb1 x#");
    }

    @Test
    void sharedValues_ofTheParentsKey_areRenamedToTheChildrens() {
        Map<String, Object> shared = notebook.sharedValues(Notebook.ENTITY, Map.of("id", "nb1"));

        assertThat(shared).isEqualTo(Map.of("id", "nb1"));
        assertThat(notebook.valuesOf(Note.ENTITY, shared)).isEqualTo(Map.of("notebookId", "nb1"));
    }

    @Test
    void render_missingUnknownOrForgingValues_areRefused() {
        assertThatThrownBy(() -> notebook.sortPrefix(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value for 'id' or"
                        + " 'notebookId'");
        assertThatThrownBy(() -> notebook.sortPrefix(Map.of("title", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'title' is not part of the key");
        assertThatThrownBy(() -> notebook.sortPrefix(Map.of("id", "nb1", "notebookId", "nb2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> notebook.sortPrefix(Map.of("id", "nb1#NOTE")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> notebook.partition(Optional.empty(), Map.of("id", "nb1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is owner-scoped");
    }

    @Test
    void build_memberWhoseSortKeyEndsAtTheSharedPrefix_refusedNamingIt() {
        assertThatThrownBy(() -> new CollectionKey(List.of(Shelf.ENTITY, Note.ENTITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sort key 'NOTEBOOK#{id}' of Shelf ends where the key the collection (Shelf,"
                        + " Note) shares ends").hasMessageContaining("'NOTEBOOK#{id}#META'");
    }

    @Test
    void build_membersWithDifferentPartitionKeys_refusedNamingBoth() {
        assertThatThrownBy(() -> new CollectionKey(List.of(Todo.ENTITY, Trip.ENTITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Trip has 'TRIP#{id}' and Todo 'USER#{ownerId}'");
    }

    @Test
    void build_ownerOfOneMemberWhereAnotherHasItsId_refusedNamingIt() {
        assertThatThrownBy(() -> new CollectionKey(List.of(Todo.ENTITY, User.ENTITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("where User has 'id', which is not its owner");
    }

    @Test
    void build_oneOrTwiceTheSameType_isRefused() {
        assertThatThrownBy(() -> new CollectionKey(List.of(Note.ENTITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two or more distinct");
        assertThatThrownBy(() -> new CollectionKey(List.of(Note.ENTITY, Note.ENTITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(Note, Note)");
    }

    @Test
    void sortsBefore_comparesTheFirstSegmentPastTheSharedPrefixAsTheKeysGoOn() {
        CollectionKey late = new CollectionKey(List.of(LateNotebook.ENTITY, Note.ENTITY));

        assertThat(notebook.sortsBefore(Notebook.ENTITY, Note.ENTITY)).isTrue();
        assertThat(notebook.sortsBefore(Note.ENTITY, Notebook.ENTITY)).isFalse();
        assertThat(late.sortsBefore(LateNotebook.ENTITY, Note.ENTITY)).isFalse();
        assertThat(late.sortsBefore(Note.ENTITY, LateNotebook.ENTITY)).isTrue();
    }
}
