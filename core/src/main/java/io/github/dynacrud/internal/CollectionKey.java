package io.github.dynacrud.internal;

import io.github.dynacrud.entity.Entity;
import io.github.dynacrud.entity.KeyParts;
import io.github.dynacrud.entity.KeyTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The key that entity types sharing a partition have in common: the same partition key, segment by segment, and the
 * leading sort key segments they share, such as {@code NOTEBOOK#{id}} of {@code NOTEBOOK#{id}#META} and
 * {@code NOTEBOOK#{notebookId}#NOTE#{id}}. A placeholder shared by position may have another name in each type; a
 * value is given under any of them.
 *
 * <p>Every member's sort key goes on past the shared segments, so the shared prefix is rendered with its trailing
 * {@code #}: as no value contains {@code #}, {@code begins_with} on it matches the items of exactly those values,
 * never those of an id that merely extends them ({@code nb10} for {@code nb1}) or sorts next to them.
 */
public final class CollectionKey {
    /** A placeholder shared by position: in the partition key or the sort key, and its name in each member. */
    private record Slot(boolean partition, int segment, Map<String, String> attributeByType) {
    }

    private final List<Entity<?>> members;
    private final String description;
    private final int sharedSortSegments;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<String, Slot> slotByName = new HashMap<>();
    private final Optional<Slot> ownerSlot;

    /**
     * Finds the key the members share.
     *
     * @param members two or more entity types
     * @throws IllegalArgumentException naming the member and template when their partition keys differ, when an
     *                                  owner-scoped member shares its partition with one that is not, or when a sort
     *                                  key ends within the shared prefix
     */
    public CollectionKey(List<Entity<?>> members) {
        if (members.size() < 2 || members.stream().map(Entity::type).distinct().count() != members.size()) {
            throw new IllegalArgumentException("a collection needs two or more distinct entity types, not "
                    + types(members));
        }
        this.members = List.copyOf(members);
        this.description = "the collection " + types(members);
        Entity<?> first = members.get(0);
        for (Entity<?> member : members) {
            if (!sameShape(first.partitionKey(), member.partitionKey(), first.partitionKey().segments().size())) {
                throw new IllegalArgumentException(description + " needs one partition key shape, but " + member.type()
                        + " has '" + member.partitionKey() + "' and " + first.type() + " '" + first.partitionKey()
                        + "'");
            }
        }
        addSlots(true, first.partitionKey().segments().size());
        int shared = 0;
        while (sharedAt(shared)) {
            shared++;
        }
        this.sharedSortSegments = shared;
        for (Entity<?> member : members) {
            if (member.sortKey().segments().size() == shared) {
                throw new IllegalArgumentException("sort key '" + member.sortKey() + "' of " + member.type() + " ends"
                        + " where the key " + description + " shares ends, so a sibling whose id extends its own or"
                        + " sorts next to it would join; give it a trailing literal, such as '" + member.sortKey()
                        + "#META'");
            }
        }
        addSlots(false, shared);
        this.ownerSlot = slots.stream().filter(s -> s.partition() && members.stream().anyMatch(m ->
                m.ownerAttribute().filter(s.attributeByType().get(m.type())::equals).isPresent())).findFirst();
        ownerSlot.ifPresent(slot -> members.forEach(m -> {
            if (!m.ownerAttribute().filter(slot.attributeByType().get(m.type())::equals).isPresent()) {
                throw new IllegalArgumentException(description + " puts the owner of some members where "
                        + m.type() + " has '" + slot.attributeByType().get(m.type()) + "', which is not its owner");
            }
        }));
        for (Slot slot : slots) {
            if (ownerSlot.filter(slot::equals).isEmpty()) {
                slot.attributeByType().values().forEach(name -> {
                    Slot other = slotByName.putIfAbsent(name, slot);
                    if (other != null && !other.equals(slot)) {
                        throw new IllegalArgumentException("'" + name + "' names two parts of the key " + description
                                + " shares");
                    }
                });
            }
        }
    }

    /** Tells whether every member's sort key has the same kind of segment here: one literal, or a placeholder. */
    private boolean sharedAt(int index) {
        if (members.stream().anyMatch(m -> m.sortKey().segments().size() <= index)) {
            return false;
        }
        KeyTemplate.Segment first = members.get(0).sortKey().segments().get(index);
        return members.stream().map(m -> m.sortKey().segments().get(index)).allMatch(s -> first.isPlaceholder()
                ? s.isPlaceholder() : !s.isPlaceholder() && s.literal().equals(first.literal()));
    }

    private static boolean sameShape(KeyTemplate a, KeyTemplate b, int count) {
        if (a.segments().size() != b.segments().size()) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            KeyTemplate.Segment x = a.segments().get(i);
            KeyTemplate.Segment y = b.segments().get(i);
            if (x.isPlaceholder() != y.isPlaceholder() || !x.isPlaceholder() && !x.literal().equals(y.literal())) {
                return false;
            }
        }
        return true;
    }

    private void addSlots(boolean partition, int count) {
        for (int i = 0; i < count; i++) {
            int segment = i;
            if (template(members.get(0), partition).segments().get(i).isPlaceholder()) {
                Map<String, String> names = new LinkedHashMap<>();
                members.forEach(m -> names.put(m.type(), template(m, partition).segments().get(segment).attribute()));
                slots.add(new Slot(partition, segment, names));
            }
        }
    }

    private static KeyTemplate template(Entity<?> member, boolean partition) {
        return partition ? member.partitionKey() : member.sortKey();
    }

    private static String types(List<Entity<?>> members) {
        return members.stream().map(Entity::type).collect(Collectors.joining(", ", "(", ")"));
    }

    /** @return the members, in the order given */
    public List<Entity<?>> members() {
        return members;
    }

    /** @return such as {@code the collection (Notebook, Note)}, for messages */
    public String description() {
        return description;
    }

    /**
     * Renders the shared partition key.
     *
     * @param owner  the caller's owner id, present exactly when the members are owner-scoped
     * @param values a value for each shared placeholder, under any member's name for it
     * @return such as {@code USER#alice}
     * @throws IllegalArgumentException when a value is missing or names no shared placeholder
     * @throws io.github.dynacrud.ValidationException when a value could forge another key
     */
    public String partition(Optional<String> owner, Map<String, ?> values) {
        return render(true, members.get(0).partitionKey().segments().size(), owner, values);
    }

    /**
     * Renders the shared sort key prefix, with its trailing {@code #}.
     *
     * @param values a value for each shared placeholder, under any member's name for it
     * @return such as {@code NOTEBOOK#nb1#}, or empty when the members share no sort key segment
     */
    public String sortPrefix(Map<String, ?> values) {
        return sharedSortSegments == 0 ? "" : render(false, sharedSortSegments, Optional.empty(), values)
                + KeyTemplate.SEPARATOR;
    }

    private String render(boolean partition, int count, Optional<String> owner, Map<String, ?> values) {
        Map<Slot, Object> bySlot = bySlot(values);
        if (partition && ownerSlot.isPresent() != owner.isPresent()) {
            throw new IllegalArgumentException(description + (ownerSlot.isPresent() ? " is owner-scoped; pass"
                    + " Scope.owner(callerId)" : " is not owner-scoped; pass Scope.unscoped()"));
        }
        owner.ifPresent(o -> bySlot.put(ownerSlot.orElseThrow(), o));
        List<KeyTemplate.Segment> segments = template(members.get(0), partition).segments();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                key.append(KeyTemplate.SEPARATOR);
            }
            KeyTemplate.Segment segment = segments.get(i);
            int index = i;
            key.append(segment.isPlaceholder() ? KeyParts.check(segment.attribute(), bySlot.get(slots.stream()
                    .filter(s -> s.partition() == partition && s.segment() == index).findFirst().orElseThrow()))
                    : segment.literal());
        }
        return key.toString();
    }

    private Map<Slot, Object> bySlot(Map<String, ?> values) {
        Map<Slot, Object> bySlot = new HashMap<>();
        values.forEach((name, value) -> {
            Slot slot = slotByName.get(name);
            if (slot == null) {
                throw new IllegalArgumentException("'" + name + "' is not part of the key " + description
                        + " shares; it has " + slotByName.keySet());
            }
            if (bySlot.put(slot, value) != null) {
                throw new IllegalArgumentException("'" + name + "' of " + description + " is given twice");
            }
        });
        for (Slot slot : slots) {
            if (ownerSlot.filter(slot::equals).isEmpty() && !bySlot.containsKey(slot)) {
                throw new IllegalArgumentException(description + " needs a value for "
                        + slot.attributeByType().values().stream().distinct().collect(Collectors.joining("' or '",
                        "'", "'")));
            }
        }
        return bySlot;
    }

    /**
     * Names a member's shared key values as the collection knows them: from the member's own key values, those its
     * shared placeholders hold.
     *
     * @param member a member
     * @param key    values of the member's key attributes, owner aside
     * @return the shared values, under the member's names
     */
    public Map<String, Object> sharedValues(Entity<?> member, Map<String, ?> key) {
        Map<String, Object> shared = new LinkedHashMap<>();
        for (Slot slot : slots) {
            String name = slot.attributeByType().get(member.type());
            if (ownerSlot.filter(slot::equals).isEmpty()) {
                shared.put(name, key.get(name));
            }
        }
        return shared;
    }

    /**
     * Renames shared values to a member's attributes.
     *
     * @param member a member
     * @param values the shared values, under any member's names
     * @return the same values under the member's names
     */
    public Map<String, Object> valuesOf(Entity<?> member, Map<String, ?> values) {
        Map<String, Object> named = new LinkedHashMap<>();
        bySlot(values).forEach((slot, value) -> named.put(slot.attributeByType().get(member.type()), value));
        return named;
    }

    /**
     * Tells whether a member's items sort before another's in the collection: the first sort key segment past the
     * shared ones is a literal in both, and the first's sorts lower as the key goes on ({@code META} before
     * {@code NOTE#}).
     *
     * @param first  a member
     * @param second another member
     * @return {@code true} when every item of the first sorts before every item of the second
     */
    public boolean sortsBefore(Entity<?> first, Entity<?> second) {
        KeyTemplate.Segment a = first.sortKey().segments().get(sharedSortSegments);
        KeyTemplate.Segment b = second.sortKey().segments().get(sharedSortSegments);
        if (a.isPlaceholder() || b.isPlaceholder()) {
            return false;
        }
        boolean aLast = first.sortKey().segments().size() == sharedSortSegments + 1;
        boolean bLast = second.sortKey().segments().size() == sharedSortSegments + 1;
        String x = a.literal() + (aLast ? "" : KeyTemplate.SEPARATOR);
        String y = b.literal() + (bLast ? "" : KeyTemplate.SEPARATOR);
        // When one is a prefix of the other, both render a placeholder next, whose values can sort either way.
        return !x.startsWith(y) && !y.startsWith(x) && x.compareTo(y) < 0 || aLast && y.startsWith(x) && !x.equals(y);
    }
}
