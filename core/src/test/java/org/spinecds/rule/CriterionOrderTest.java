package org.spinecds.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The catalogue order of criterion ids, and that comparing prefixes in place orders as cutting them out did. */
class CriterionOrderTest {

    private static final List<String> IDS = List.of("URG-1", "URG-2", "URG-S", "SCOPE-1", "SCOPE-3", "SCOPE-U",
            "CAND-1", "CAND-8", "CAND-10", "OPEN-1", "OPEN-8", "RISK-2", "RISK-10", "RISK-11", "PROC-1", "SET-1",
            "SET-2", "SET-U", "REC-1", "REC-3", "VERDICT-1", "VERDICT-7", "VERDICT-ORDER", "FIX-1", "FIX-99",
            "FIX-VERDICT", "X-1", "AB", "ABC", "AB-1", "ABC1", "A1", "URG", "URG-", "RISK-1234567890", "SITE-RISK-1",
            "Z", "z-2", "URGS", "OPEN1");

    @Test
    void theCatalogueOrder() {
        List<String> sorted = new ArrayList<>(List.of("RISK-10", "VERDICT-1", "URG-S", "CAND-2", "RISK-2", "URG-2",
                "SCOPE-U", "OPEN-1", "ZZZ-1", "AAA-1", "SET-U", "SET-1", "REC-1", "PROC-1"));
        sorted.sort(CriterionOrder.INSTANCE);
        assertThat(sorted).containsExactly("URG-2", "URG-S", "SCOPE-U", "CAND-2", "OPEN-1", "RISK-2", "RISK-10",
                "PROC-1", "SET-1", "SET-U", "REC-1", "VERDICT-1", "AAA-1", "ZZZ-1");
    }

    @Test
    void ordersEveryPairAsTheSubstringDefinitionDoes() {
        for (String a : IDS) {
            for (String b : IDS) {
                assertThat(Integer.signum(CriterionOrder.INSTANCE.compare(a, b)))
                        .as("%s against %s", a, b).isEqualTo(Integer.signum(reference(a, b)));
            }
        }
    }

    /** The order by its definition: the prefix cut out of the id, then its place, its text, its number. */
    private static int reference(String a, String b) {
        String pa = prefix(a);
        String pb = prefix(b);
        int c = Integer.compare(place(pa), place(pb));
        if (c == 0) {
            c = pa.compareTo(pb);
        }
        return c != 0 ? c : Integer.compare(number(a), number(b));
    }

    private static final List<String> PLACES =
            List.of("URG", "URG-S", "SCOPE", "SCOPE-U", "CAND", "OPEN", "RISK", "PROC", "SET", "SET-U", "REC", "VERDICT");

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
        return digits == 0 || digits > 9 ? Integer.MAX_VALUE : Integer.parseInt(id.substring(id.length() - digits));
    }

    private static int trailingDigits(String id) {
        int n = 0;
        while (n < id.length() && Character.isDigit(id.charAt(id.length() - 1 - n))) {
            n++;
        }
        return n;
    }
}
