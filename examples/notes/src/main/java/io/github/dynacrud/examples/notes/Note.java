package io.github.dynacrud.examples.notes;

import io.github.dynacrud.entity.Entity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.hibernate.validator.constraints.UniqueElements;

/** A note in a notebook: listed oldest first under its notebook, and by pinned state through GSI1. */
public record Note(String ownerId, String notebookId, String id, @NotBlank @Size(min = 1, max = 200) String title,
        @Size(max = 10_000) String body,
        @Size(max = 10) @UniqueElements List<@NotNull @Size(min = 1, max = 30) String> tags, boolean pinned, Long version, Instant createdAt, Instant updatedAt) {

    /** How notes live in the table: after their notebook, in its owner's partition. */
    public static final Entity<Note> ENTITY = Entity.of(Note.class).type("Note")
            .partitionKey("USER#{ownerId}")
            .sortKey("NOTEBOOK#{notebookId}#NOTE#{id}")
            .index("GSI1", "USER#{ownerId}#NOTEBOOK#{notebookId}", "PINNED#{pinned}#{id}")
            .generatedId("id")
            .owner("ownerId")
            .version("version").timestamps("createdAt", "updatedAt")
            .build();
}
