package io.github.dynacrud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynacrud.ValidationException;
import io.github.dynacrud.ValidationException.Violation;
import io.github.dynacrud.fixtures.Todo;
import io.github.dynacrud.fixtures.User;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {
    /** Start must not come after end: a class-level constraint, which may read any component. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = InOrder.Check.class)
    @interface InOrder {
        String message() default "start must not be after end";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Checks a period. */
        class Check implements ConstraintValidator<InOrder, Period> {
            @Override
            public boolean isValid(Period period, ConstraintValidatorContext context) {
                return period.start() <= period.end();
            }
        }
    }

    @InOrder
    record Period(int start, int end) {
    }

    record Counter(int views, List<@NotBlank String> tags, @NotBlank String name) {
    }

    @Test
    void isConstrained_tellsWhichComponentsAValueCouldBreak() {
        assertThat(Validation.isConstrained(Counter.class, "views")).isFalse();
        assertThat(Validation.isConstrained(Counter.class, "tags")).isTrue();
        assertThat(Validation.isConstrained(Counter.class, "name")).isTrue();
        assertThat(Validation.isConstrained(Period.class, "start")).isTrue();
    }

    @Test
    void check_validTodo_passes() {
        // GIVEN
        Todo todo = new Todo("u1", "01J", "Write tests", true, LocalDate.of(2026, 1, 2), 3L, Instant.EPOCH,
                Instant.EPOCH);

        // WHEN / THEN
        assertThatCode(() -> Validation.check(todo)).doesNotThrowAnyException();
    }

    @Test
    void check_validNewUser_passes() {
        // GIVEN
        User user = User.of("ada@example.com", "Ada");

        // WHEN / THEN
        assertThatCode(() -> Validation.check(user)).doesNotThrowAnyException();
    }

    @Test
    void check_todoWithBlankTitle_reportsTheTitle() {
        // GIVEN
        Todo todo = Todo.of("   ");

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.check(todo))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations())
                            .containsExactly(new Violation("title", "must not be blank"));
                    assertThat(e.status()).isEqualTo(422);
                })
                .hasMessage("title: must not be blank");
    }

    @Test
    void check_todoWithNullTitle_reportsTheTitle() {
        // GIVEN
        Todo todo = Todo.of(null);

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.check(todo))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("title", "must not be blank")))
                .hasMessage("title: must not be blank");
    }

    @Test
    void check_todoWithTooLongTitle_interpolatesTheBoundsWithoutExpressionLanguage() {
        // GIVEN
        Todo todo = Todo.of("x".repeat(201));

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.check(todo))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("title", "size must be between 0 and 200")))
                .hasMessage("title: size must be between 0 and 200");
    }

    @Test
    void check_todoWithTitleOfExactlyMaxSize_passes() {
        // GIVEN
        Todo todo = Todo.of("x".repeat(200));

        // WHEN / THEN
        assertThatCode(() -> Validation.check(todo)).doesNotThrowAnyException();
    }

    @Test
    void check_userWithSeveralViolations_listsThemSortedByFieldThenMessage() {
        // GIVEN: a blank email breaks both of its constraints
        User user = User.of("   ", "");

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.check(user))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(
                                new Violation("email", "must be a well-formed email address"),
                                new Violation("email", "must not be blank"),
                                new Violation("name", "must not be blank")))
                .hasMessage("email: must be a well-formed email address; email: must not be blank;"
                        + " name: must not be blank");
    }

    @Test
    void check_userWithBadEmailAndNullName_listsBoth() {
        // GIVEN
        User user = User.of("not-an-email", null);

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.check(user))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(
                                new Violation("email", "must be a well-formed email address"),
                                new Violation("name", "must not be blank")))
                .hasMessage("email: must be a well-formed email address; name: must not be blank");
    }

    @Test
    void checkValue_blankTitle_reportsOnlyThatProperty() {
        // GIVEN
        String title = "";

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.checkValue(Todo.class, "title", title))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("title", "must not be blank")))
                .hasMessage("title: must not be blank");
    }

    @Test
    void checkValue_tooLongTitle_reportsTheSize() {
        // GIVEN
        String title = "x".repeat(201);

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.checkValue(Todo.class, "title", title))
                .isInstanceOf(ValidationException.class)
                .hasMessage("title: size must be between 0 and 200");
    }

    @Test
    void checkValue_badEmail_reportsTheEmail() {
        // GIVEN
        String email = "ada.example.com";

        // WHEN / THEN
        assertThatThrownBy(() -> Validation.checkValue(User.class, "email", email))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("email", "must be a well-formed email address")))
                .hasMessage("email: must be a well-formed email address");
    }

    @Test
    void checkValue_validValues_pass() {
        // GIVEN
        String title = "Write tests";
        String email = "ada@example.com";

        // WHEN / THEN
        assertThatCode(() -> Validation.checkValue(Todo.class, "title", title)).doesNotThrowAnyException();
        assertThatCode(() -> Validation.checkValue(User.class, "email", email)).doesNotThrowAnyException();
        assertThatCode(() -> Validation.checkValue(Todo.class, "dueDate", null)).doesNotThrowAnyException();
    }
}
