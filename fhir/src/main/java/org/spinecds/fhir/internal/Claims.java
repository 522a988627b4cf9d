package org.spinecds.fhir.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.spinecds.InvalidPatientException;
import org.spinecds.fhir.internal.CodeList.Closure;
import org.spinecds.patient.Input;

/**
 * What the resources of one mapping say about each input, and the value they resolve to. Not
 * thread-safe: one instance per mapping.
 */
final class Claims {

    /**
     * How strong a claim is: the latest observation wins over older ones; assertions (a coded condition,
     * medication, procedure or order) must agree with each other and with it; derived claims (computed
     * values, a refuted condition, a procedure not done) count only where nothing else speaks.
     */
    enum Kind { OBSERVED, ASSERTED, DERIVED }

    /** One resource's word on an input (or on one member of a set-valued input: a Boolean). */
    record Claim(Object value, String ref, Instant at, Kind kind) {
        /** Names the kind only: the value, resource and time are the patient's. */
        @Override
        public String toString() {
            return "Claim[" + kind + "]";
        }
    }

    /** A value and the resources that gave it. */
    record Resolved(Object value, List<String> refs) {
        /** Counts the resources only: the value and resource ids are the patient's. */
        @Override
        public String toString() {
            return "Resolved[" + refs.size() + " resources]";
        }
    }

    /**
     * A set-valued input known member by member but not as a complete list: the members known present and
     * those known absent; the others are unknown.
     */
    record PartialSet(Set<Enum<?>> present, Set<Enum<?>> absent) {
        /** Counts only: the members are the patient's. */
        @Override
        public String toString() {
            return "PartialSet[" + present.size() + " present, " + absent.size() + " absent]";
        }
    }

    /** The set-valued input is known only if one of these members is present (see {@code requiresOneOf}). */
    private record Requirement(Set<Enum<?>> oneOf, String ref) {
        /** Counts the members only. */
        @Override
        public String toString() {
            return "Requirement[" + oneOf.size() + " members]";
        }
    }

    /**
     * A condition that may be current but does not count (not confirmed, or a spinal code the code
     * lists cannot classify): a coded list is complete only when it already holds every member the
     * condition could add ({@code members}; empty when the condition could add any member).
     */
    private record Undecided(Set<Enum<?>> members, String ref) {
        /** Counts the members only: they and the resource are the patient's. */
        @Override
        public String toString() {
            return "Undecided[" + members.size() + " members]";
        }
    }

    private final Map<Input, List<Claim>> scalars = new EnumMap<>(Input.class);
    private final Map<Input, Map<Enum<?>, List<Claim>>> members = new EnumMap<>(Input.class);
    private final Map<Input, List<Claim>> none = new EnumMap<>(Input.class);
    private final Map<Input, List<Requirement>> requirements = new EnumMap<>(Input.class);
    private final Map<Input, List<Undecided>> undecided = new EnumMap<>(Input.class);
    private final UnaryOperator<String> shown;

    /** @param shown how a resource reference appears in an error message */
    Claims(UnaryOperator<String> shown) {
        this.shown = shown;
    }

    void add(Input input, Object value, String ref, Instant at, Kind kind) {
        scalars.computeIfAbsent(input, k -> new ArrayList<>()).add(new Claim(value, ref, at, kind));
    }

    void addMember(Input input, Enum<?> member, boolean present, String ref, Instant at, Kind kind) {
        members.computeIfAbsent(input, k -> new LinkedHashMap<>())
                .computeIfAbsent(member, k -> new ArrayList<>()).add(new Claim(present, ref, at, kind));
    }

    /** The record says that a set-valued input has no member ("none"). */
    void addNone(Input input, String ref, Instant at) {
        none.computeIfAbsent(input, k -> new ArrayList<>()).add(new Claim(false, ref, at, Kind.OBSERVED));
    }

    void require(Input input, Set<Enum<?>> oneOf, String ref) {
        requirements.computeIfAbsent(input, k -> new ArrayList<>()).add(new Requirement(oneOf, ref));
    }

    /**
     * A resource that may add members to a coded-list input without saying so: the list is unknown
     * unless it holds all of {@code members} (any member, when empty).
     */
    void undecided(Input input, Set<Enum<?>> members, String ref) {
        undecided.computeIfAbsent(input, k -> new ArrayList<>()).add(new Undecided(members, ref));
    }

    /** The resources that say a member of a set-valued input is present. */
    List<String> presentRefs(Input input) {
        return members.getOrDefault(input, Map.of()).values().stream().flatMap(List::stream)
                .filter(c -> Boolean.TRUE.equals(c.value())).map(Claim::ref).distinct().toList();
    }

    /** The value of a scalar input, or null when the claims leave it unknown; throws when they contradict each other. */
    Resolved resolve(Input input) {
        return resolve(input.jsonName(), scalars.get(input));
    }

    private Resolved resolve(String field, List<Claim> claims) {
        if (claims == null || claims.isEmpty()) {
            return null;
        }
        Claim top = null;
        List<String> refs = new ArrayList<>();
        List<Claim> observed = claims.stream().filter(c -> c.kind() == Kind.OBSERVED).toList();
        if (!observed.isEmpty()) {
            List<Claim> latest = observed;
            if (observed.stream().allMatch(c -> c.at() != null)) {
                Instant max = observed.stream().map(Claim::at).max(Instant::compareTo).orElseThrow();
                latest = observed.stream().filter(c -> c.at().equals(max)).toList();
            }
            top = latest.get(0);
            for (Claim c : latest) {
                requireSame(field, top, c);
                refs.add(c.ref());
            }
        }
        List<Claim> asserted = claims.stream().filter(c -> c.kind() == Kind.ASSERTED).toList();
        for (Claim c : asserted) {
            requireSame(field, top == null ? asserted.get(0) : top, c);
            refs.add(c.ref());
        }
        if (top == null && !asserted.isEmpty()) {
            top = asserted.get(0);
        }
        if (top == null) {
            List<Claim> derived = claims.stream().filter(c -> c.kind() == Kind.DERIVED).toList();
            top = derived.get(0);
            derived.forEach(c -> refs.add(c.ref()));
        }
        return new Resolved(top.value(), refs.stream().distinct().toList());
    }

    private void requireSame(String field, Claim a, Claim b) {
        if (!a.value().equals(b.value())) {
            throw InvalidPatientException.of(field, "contradictory: %s says %s, %s says %s",
                    shown.apply(a.ref()), a.value(), shown.apply(b.ref()), b.value());
        }
    }

    /**
     * The value of a set-valued input: the complete list (a {@code Set}) when the closure rule says the
     * list is complete, else the members known present or absent (a {@link PartialSet}), else null.
     *
     * @param unknownMembers members left unknown whatever the claims say (a resource that could not be read
     *     whole spoke of them)
     * @param mayComplete false when the input cannot be complete (something about it was left unknown)
     * @param contradiction told why, for each member whose claims contradict each other (it stays unknown)
     */
    Resolved resolveSet(Input input, Closure closure, Set<Enum<?>> unknownMembers, boolean mayComplete,
                        java.util.function.Consumer<String> contradiction) {
        Map<Enum<?>, List<Claim>> claims = members.getOrDefault(input, Map.of());
        Set<Enum<?>> present = new LinkedHashSet<>();
        Set<Enum<?>> absent = new LinkedHashSet<>();
        boolean blocked = !mayComplete;
        Set<Enum<?>> open = new LinkedHashSet<>(unknownMembers);
        List<String> presentRefs = new ArrayList<>();
        List<String> allRefs = new ArrayList<>();
        for (Enum<?> member : input.enumType().getEnumConstants()) {
            if (open.contains(member)) {
                blocked = true;
                continue;
            }
            Resolved r;
            try {
                r = resolve(input.jsonName() + " (" + member.name() + ")", claims.get(member));
            } catch (InvalidPatientException e) {
                contradiction.accept(e.getMessage());
                open.add(member);
                blocked = true;
                continue;
            }
            if (r != null) {
                allRefs.addAll(r.refs());
                if (Boolean.TRUE.equals(r.value())) {
                    present.add(member);
                    presentRefs.addAll(r.refs());
                } else {
                    absent.add(member);
                }
            }
        }
        Resolved noMember = resolve(input.jsonName(), none.get(input));
        if (noMember != null) {
            if (!present.isEmpty()) {
                // "None" and a present member: neither is taken for the members they disagree on.
                contradiction.accept(String.format(java.util.Locale.ROOT, "%s: contradictory: %s says none, %s says %s",
                        input.jsonName(), shown.apply(noMember.refs().get(0)), shown.apply(presentRefs.get(0)),
                        present.iterator().next().name()));
                open.addAll(present);
                present.clear();
                presentRefs.clear();
                blocked = true;
            } else {
                allRefs.addAll(noMember.refs());
                for (Enum<?> member : input.enumType().getEnumConstants()) {
                    if (!open.contains(member)) {
                        absent.add(member);
                    }
                }
                if (!blocked) {
                    return new Resolved(Set.of(), noMember.refs());
                }
            }
        }
        boolean known = !blocked && (closure == Closure.CODED_LIST
                ? !present.isEmpty()
                : present.size() + absent.size() == input.enumType().getEnumConstants().length);
        if (known) {
            for (Requirement req : requirements.getOrDefault(input, List.of())) {
                if (req.oneOf().stream().noneMatch(present::contains)) {
                    known = false;
                }
            }
        }
        if (known && closure == Closure.CODED_LIST) {
            for (Undecided u : undecided.getOrDefault(input, List.of())) {
                if (u.members().isEmpty() || !present.containsAll(u.members())) {
                    known = false;
                }
            }
        }
        if (known) {
            List<String> refs = closure == Closure.CODED_LIST ? presentRefs : allRefs;
            return new Resolved(present, refs.stream().distinct().toList());
        }
        if (present.isEmpty() && absent.isEmpty()) {
            return null;
        }
        return new Resolved(new PartialSet(Set.copyOf(present), Set.copyOf(absent)),
                allRefs.stream().distinct().toList());
    }
}
