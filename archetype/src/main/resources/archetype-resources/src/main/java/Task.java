package ${package};

import io.github.dynacrud.entity.Entity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A task of one user, in that user's partition of the table. */
public record Task(String ownerId, String id, @NotBlank @Size(max = 200) String title, boolean done, Long version,
        Instant createdAt, Instant updatedAt) {

    /** How tasks live in the table: the owner comes from the caller's token, the id is generated. */
    public static final Entity<Task> ENTITY = Entity.of(Task.class)
            .type("Task")
            .partitionKey("USER#{ownerId}")
            .sortKey("TASK#{id}")
            .generatedId("id")
            .owner("ownerId")
            .version("version")
            .timestamps("createdAt", "updatedAt")
            .build();
}
