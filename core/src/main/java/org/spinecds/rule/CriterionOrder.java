package org.spinecds.rule;

import java.util.Comparator;

/**
 * Criterion ids in the order of the criteria catalogue: by prefix (red flags, scope, candidacy,
 * open surgery, risks, procedure risks, setting, recovery, verdict, then any other prefix
 * alphabetically), then by number: RISK-2 before RISK-10, URG-S after URG-2.
 *
 * <p>The prefix of an id is what precedes its trailing digits (and the hyphen before them). It is
 * compared in place, without cutting the id into new strings, as results are sorted by it at every
 * assessment.
 */
public enum CriterionOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        int ea = prefixEnd(a);
        int eb = prefixEnd(b);
        int c = Integer.compare(place(a, ea), place(b, eb));
        if (c == 0) {
            c = comparePrefixes(a, ea, b, eb);
        }
        return c != 0 ? c : Integer.compare(number(a), number(b));
    }

    private static final java.util.List<String> PLACES =
            java.util.List.of("URG", "URG-S", "SCOPE", "SCOPE-U", "CAND", "OPEN", "RISK", "PROC", "SET", "SET-U", "REC", "VERDICT");

    /** The place of the prefix {@code id[0, end)} in {@link #PLACES}, or after them all. */
    private static int place(String id, int end) {
        for (int i = 0; i < PLACES.size(); i++) {
            String p = PLACES.get(i);
            if (p.length() == end && id.startsWith(p)) {
                return i;
            }
        }
        return PLACES.size();
    }

    /** {@code a[0, ea)} against {@code b[0, eb)} as {@link String#compareTo} compares them. */
    private static int comparePrefixes(String a, int ea, String b, int eb) {
        int n = Math.min(ea, eb);
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return ca - cb;
            }
        }
        return ea - eb;
    }

    /** Where the prefix of an id ends: before its trailing digits and the hyphen before them. */
    private static int prefixEnd(String id) {
        int digits = trailingDigits(id);
        return digits > 0 && id.charAt(id.length() - digits - 1) == '-' ? id.length() - digits - 1
                : id.length() - digits;
    }

    private static int number(String id) {
        int digits = trailingDigits(id);
        return digits == 0 || digits > 9 ? Integer.MAX_VALUE : Integer.parseInt(id, id.length() - digits, id.length(), 10);
    }

    private static int trailingDigits(String id) {
        int n = 0;
        while (n < id.length() && Character.isDigit(id.charAt(id.length() - 1 - n))) {
            n++;
        }
        return n;
    }
}
