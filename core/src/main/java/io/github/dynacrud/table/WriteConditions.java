package io.github.dynacrud.table;

import io.github.dynacrud.ConditionFailedException;
import io.github.dynacrud.DynacrudException;
import io.github.dynacrud.ItemNotFoundException;
import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.VersionConflictException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.internal.EntityMapping;
import io.github.dynacrud.internal.Expressions;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition of a write to an existing item of one entity type, and what its failure means: the item exists and
 * has the type, then the expected version, then the caller's condition. A write alone or an action of a transaction
 * renders it the same way and tells a failure apart from the old item DynamoDB returns with it
 * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), without a second read.
 */
final class WriteConditions {
    private final EntityMapping<?> mapping;
    private final Entity<?> entity;

    WriteConditions(EntityMapping<?> mapping) {
        this.mapping = mapping;
        this.entity = mapping.entity();
    }

    /** Renders the condition with the request's placeholders. */
    String render(Expressions expressions, Precondition precondition) {
        OptionalLong expectedVersion = precondition.version();
        StringBuilder condition = new StringBuilder("attribute_exists(" + Entity.PARTITION_KEY + ") AND ")
                .append(expressions.name(Entity.TYPE_ATTRIBUTE)).append(" = ")
                .append(expressions.value(mapping.typeValue()));
        if (expectedVersion.isPresent()) {
            String version = entity.versionAttribute().orElseThrow(() -> new IllegalStateException(
                    entity.type() + " has no version attribute, so it cannot check an expected version"));
            condition.append(" AND ").append(expressions.name(version)).append(" = ")
                    .append(expressions.value(AttributeValue.fromN(Long.toString(expectedVersion.getAsLong()))));
        }
        precondition.condition().ifPresent(user -> condition.append(" AND ")
                .append(user.render(new ConditionContext(mapping, expressions))));
        return condition.toString();
    }

    /**
     * Tells which part failed from the item as it was when the condition was checked.
     *
     * @param old          the old item returned with the failure, or {@code null} when there was none
     * @param precondition what the write expected
     * @return the failure to throw
     */
    DynacrudException failure(Map<String, AttributeValue> old, Precondition precondition) {
        if (!mapping.isOwnType(old)) {
            return new ItemNotFoundException(entity.type());
        }
        if (precondition.condition().isEmpty() || precondition.version().isPresent()
                && !Long.toString(precondition.version().getAsLong()).equals(storedVersion(old))) {
            return new VersionConflictException(entity.type());
        }
        return new ConditionFailedException(entity.type());
    }

    /**
     * Tells which part failed, as one action of a cancelled transaction.
     *
     * @param old          the old item returned with the failure, or {@code null} when there was none
     * @param precondition what the write expected
     * @return the reason
     */
    TransactionCanceledException.Reason reason(Map<String, AttributeValue> old, Precondition precondition) {
        DynacrudException failure = failure(old, precondition);
        if (failure instanceof ItemNotFoundException) {
            return TransactionCanceledException.Reason.NOT_FOUND;
        }
        return failure instanceof VersionConflictException ? TransactionCanceledException.Reason.VERSION_CONFLICT
                : TransactionCanceledException.Reason.CONDITION_FAILED;
    }

    private String storedVersion(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(entity.versionAttribute().orElseThrow());
        return version == null ? "0" : version.n();
    }
}
