package io.github.dynacrud.lambda.deploy.app;

import io.github.dynacrud.entity.Entity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The deployed function's entity, declared in the function's own package as a user's is: the deployed jar needs no
 * test fixture from core.
 */
public record Todo(String ownerId, String id, @NotBlank @Size(max = 200) String title, boolean done, Long version,
        Instant createdAt, Instant updatedAt) {

    public static final Entity<Todo> ENTITY = Entity.of(Todo.class)
            .type("Todo")
            .partitionKey("USER#{ownerId}")
            .sortKey("TODO#{id}")
            .generatedId("id")
            .owner("ownerId")
            .version("version")
            .timestamps("createdAt", "updatedAt")
            .build();
}
