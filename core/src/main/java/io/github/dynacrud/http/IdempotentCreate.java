package io.github.dynacrud.http;

import io.github.dynacrud.DynacrudException;
import io.github.dynacrud.ItemAlreadyExistsException;
import io.github.dynacrud.TransactionCanceledException;
import io.github.dynacrud.TransactionCanceledException.Reason;
import io.github.dynacrud.UnauthorizedException;
import io.github.dynacrud.UniqueConstraintException;
import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.table.EntityRepository;
import io.github.dynacrud.table.Scope;
import io.github.dynacrud.table.Transaction;
import java.util.List;
import java.util.function.Function;

/**
 * {@code POST} on a resource with {@link Idempotency}: the create and the idempotency record in one transaction,
 * failing with the same typed failures as a plain create.
 */
final class IdempotentCreate {
    private IdempotentCreate() {
    }

    static <T extends Record> HttpResponse respond(Idempotency idempotency, EntityRepository<T> repository,
            EntityJson<T> json, HttpRequest request, Scope scope, T input) {
        return respond(idempotency, repository, json, request, scope,
                transaction -> transaction.create(repository, scope, input), e -> typed(repository.entity(), e));
    }

    /**
     * Like the plain form, with the writes of the create given: those of a child and its parent's count, say.
     *
     * @param write adds the create's actions to the transaction, first, and returns the item as it will be stored
     * @param typed the failure the create without idempotency throws for a cancellation of those actions
     */
    static <T extends Record> HttpResponse respond(Idempotency idempotency, EntityRepository<T> repository,
            EntityJson<T> json, HttpRequest request, Scope scope, Function<Transaction, T> write,
            Function<TransactionCanceledException, RuntimeException> typed) {
        // The subject always, so that the users of one owner (a tenant, say) never share keys; the owner too, with its
        // length, so that no owner and subject join to the caller string of another pair.
        Principal principal = request.principal().orElseThrow(() ->
                new UnauthorizedException("an Idempotency-Key needs an authenticated caller"));
        String caller = scope.ownerId().map(owner -> "owner:" + owner.length() + ":" + owner + "|").orElse("")
                + "subject:" + principal.subject();
        try {
            return idempotency.respond(request, caller, repository.table(), transaction -> json.created(request,
                    json.withJsonNames(() -> write.apply(transaction))));
        } catch (TransactionCanceledException e) {
            throw typed.apply(e);
        }
    }

    /** The failure a plain create throws for the same cause: the create is the transaction's first action. */
    private static DynacrudException typed(Entity<?> entity, TransactionCanceledException cancelled) {
        Reason reason = cancelled.reasons().get(0);
        List<String> unique = entity.uniqueAttributes();
        if (reason == Reason.ALREADY_EXISTS) {
            return new ItemAlreadyExistsException(entity.type());
        }
        if (reason == Reason.UNIQUE_VALUE_TAKEN && unique.size() == 1) {
            return new UniqueConstraintException(entity.type(), unique.get(0));
        }
        return cancelled;
    }
}
