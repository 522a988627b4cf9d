package org.spinecds.rule;

import java.util.Comparator;

/** Criterion ids by prefix, then by number: RISK-2 before RISK-10, URG-S after URG-2. */
public enum CriterionOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        int c = prefix(a).compareTo(prefix(b));
        return c != 0 ? c : Integer.compare(number(a), number(b));
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
