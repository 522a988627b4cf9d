package org.spinecds.rule;

import java.util.Comparator;

/**
 * Criterion ids in the order of the criteria catalogue: by prefix (red flags, scope, candidacy,
 * open surgery, risks, procedure risks, setting, recovery, verdict, then any other prefix
 * alphabetically), then by number: RISK-2 before RISK-10, URG-S after URG-2.
 */
public enum CriterionOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        String pa = prefix(a);
        String pb = prefix(b);
        int c = Integer.compare(place(pa), place(pb));
        if (c == 0) {
            c = pa.compareTo(pb);
        }
        return c != 0 ? c : Integer.compare(number(a), number(b));
    }

    private static final java.util.List<String> PLACES =
            java.util.List.of("URG", "URG-S", "SCOPE", "SCOPE-U", "CAND", "OPEN", "RISK", "PROC", "SET", "SET-U", "REC", "VERDICT");

    private static int place(String prefix) {
        int i = PLACES.indexOf(prefix);
        return i < 0 ? PLACES.size() : i;
    }

    private static String prefix(String id) {
        int digits = trailingDigits(id);
        int end = digits > 0 && id.charAt(id.length() - digits - 1) == '-' ? id.length() - digits - 1
                : id.length() - digits;
        return id.substring(0, end);
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
