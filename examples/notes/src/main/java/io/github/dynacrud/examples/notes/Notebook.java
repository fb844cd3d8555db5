package io.github.dynacrud.examples.notes;

import io.github.dynacrud.entity.Entity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A notebook of one user: listed oldest first through GSI1, which holds no notes; noteCount counts its notes. */
public record Notebook(String ownerId, String id, @NotBlank @Size(min = 1, max = 100) String name, int noteCount,
        Long version, Instant createdAt, Instant updatedAt) {

    /** How notebooks live in the table: their notes follow them in their owner's partition. */
    public static final Entity<Notebook> ENTITY = Entity.of(Notebook.class).type("Notebook")
            .partitionKey("USER#{ownerId}")
            .sortKey("NOTEBOOK#{id}#META")
            .index("GSI1", "USER#{ownerId}", "NOTEBOOK#{id}")
            .generatedId("id")
            .owner("ownerId")
            .version("version").timestamps("createdAt", "updatedAt")
            .build();
}
