package io.github.dynacrud.http;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the OpenAPI document knows of a custom route's handler: its {@link Described} description and the scopes of
 * its {@link Access} checks, found through any wrapping of one by the other.
 *
 * @param described its description, if any
 * @param scopes    the scopes its {@link Access} checks require, if it has any (then it needs a caller)
 */
record HandlerFacts(Optional<Described> described, Optional<Set<String>> scopes) {
    /**
     * Reads a handler's facts.
     *
     * @param handler a route's handler
     * @return its description and the scopes it requires
     */
    static HandlerFacts of(Handler handler) {
        Described described = null;
        Set<String> scopes = null;
        for (Handler inner = handler; inner != null; ) {
            if (inner instanceof Described d) {
                described = d;
                inner = d.handler();
            } else if (inner instanceof Access.Guard guard) {
                scopes = scopes == null ? new TreeSet<>() : scopes;
                scopes.addAll(guard.scopes());
                inner = guard.handler();
            } else {
                inner = null;
            }
        }
        return new HandlerFacts(Optional.ofNullable(described), Optional.ofNullable(scopes).map(Set::copyOf));
    }
}
