package io.github.dynacrud.examples.users;

import io.github.dynacrud.entity.Entity;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;

// tag::user-entity[]
/** A user of the API: one email per user, found by email through GSI1. */
public record User(String id, @NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 100) String name,
        Long version, Instant createdAt, Instant updatedAt) {

    /** How users live in the table; a guard item per email, in lower case, keeps emails unique whatever their case. */
    public static final Entity<User> ENTITY = Entity.of(User.class)
            .type("User")
            .partitionKey("USER#{id}")
            .sortKey("PROFILE")
            .index("GSI1", "EMAIL#{email}", "USER")
            .generatedId("id")
            .version("version")
            .timestamps("createdAt", "updatedAt")
            .unique("email", email -> email.toLowerCase(Locale.ROOT))
            .build();
}
// end::user-entity[]
