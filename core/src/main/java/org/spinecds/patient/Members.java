package org.spinecds.patient;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What is known, member by member, of a set-valued input whose complete list is not known: the
 * members known present and the members known absent. Every other member of the input's enum is
 * unknown. Both sets are unmodifiable and disjoint, and together they never cover the whole enum
 * (a list known member by member throughout is the complete list, held as the input's value).
 *
 * @param present the members known present
 * @param absent the members known absent
 */
public record Members(Set<?> present, Set<?> absent) {

    public Members {
        present = ordered(present);
        absent = ordered(absent);
    }

    /** An unmodifiable copy in the enum's order, so that what is rendered from it is deterministic. */
    private static Set<?> ordered(Set<?> members) {
        LinkedHashSet<Object> copy = new LinkedHashSet<>();
        members.stream().map(m -> (Enum<?>) m).sorted(Comparator.comparingInt(Enum::ordinal)).forEach(copy::add);
        return Collections.unmodifiableSet(copy);
    }

    /** Names the kinds of knowledge only, never the members (they are patient data). */
    @Override
    public String toString() {
        return "Members[" + present.size() + " present, " + absent.size() + " absent]";
    }
}
