package io.github.dynacrud.examples.todo;

// tag::todo-entity[]
import io.github.dynacrud.entity.Entity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/** A todo of one user: listed oldest first, and by done state through GSI1. */
public record Todo(String ownerId, String id, @NotBlank @Size(min = 1, max = 200) String title, boolean done,
        LocalDate dueDate, Long version, Instant createdAt, Instant updatedAt) {

    /** How todos live in the table. */
    public static final Entity<Todo> ENTITY = Entity.of(Todo.class)
            .type("Todo")
            .partitionKey("USER#{ownerId}")
            .sortKey("TODO#{id}")
            .index("GSI1", "USER#{ownerId}", "DONE#{done}#{id}")
            .generatedId("id")
            .owner("ownerId")
            .version("version")
            .timestamps("createdAt", "updatedAt")
            .build();
}
// end::todo-entity[]
