package org.spinecds.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.spinecds.patient.Input;
import org.spinecds.rule.Threshold;

/**
 * The values worth trying for each input: every value of a flag or a code, the subsets of a set of up
 * to two members and the whole set, and for a number its bounds and the values on and beside every
 * threshold of the rule base that has the input's unit (so the values either side of each limit the
 * rules compare with). Integers of a short range take every value.
 */
final class InputValues {

    private final List<Threshold> thresholds;

    InputValues(List<Threshold> thresholds) {
        this.thresholds = List.copyOf(thresholds);
    }

    /** Up to this many unknown members, a set input's completions are every way of filling them. */
    static final int EXHAUSTIVE_MEMBERS = 6;

    /**
     * The complete lists of a set input that agree with the members known present and absent: every one
     * while at most {@link #EXHAUSTIVE_MEMBERS} members are unknown; beyond that, those in which at most
     * two of the unknown members are present or at most two are absent (so each unknown member, and
     * each pair, is tried both ways). In a fixed order.
     */
    List<Object> completions(Input input, Collection<?> present, Collection<?> absent) {
        List<Object> unknown = new ArrayList<>();
        for (Object c : input.enumType().getEnumConstants()) {
            if (!present.contains(c) && !absent.contains(c)) {
                unknown.add(c);
            }
        }
        int k = unknown.size();
        List<Object> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << k; mask++) {
            int bits = Integer.bitCount(mask);
            if (k <= EXHAUSTIVE_MEMBERS || bits <= 2 || bits >= k - 2) {
                List<Object> list = new ArrayList<>(present);
                for (int i = 0; i < k; i++) {
                    if ((mask & 1 << i) != 0) {
                        list.add(unknown.get(i));
                    }
                }
                out.add(list);
            }
        }
        return out;
    }

    /** The values to try for the input, in a fixed order; {@code current} is added when not null. */
    List<Object> of(Input input, Object current) {
        List<Object> out = new ArrayList<>();
        switch (input.type()) {
            case BOOLEAN -> out.addAll(List.of(true, false));
            case ENUM -> out.addAll(Arrays.asList(input.enumType().getEnumConstants()));
            case ENUM_SET -> {
                Object[] c = input.enumType().getEnumConstants();
                out.add(List.of());
                for (int i = 0; i < c.length; i++) {
                    out.add(List.of(c[i]));
                    for (int j = i + 1; j < c.length; j++) {
                        out.add(List.of(c[i], c[j]));
                    }
                }
                out.add(Arrays.asList(c));
                if (current != null) {
                    out.add(List.copyOf((Collection<?>) current));
                }
            }
            case INTEGER, DECIMAL -> numbers(input, current).forEach(out::add);
        }
        return out;
    }

    private List<Object> numbers(Input input, Object current) {
        boolean integer = input.type() == Input.Type.INTEGER;
        TreeSet<Double> v = new TreeSet<>();
        if (integer && input.max() - input.min() <= 6) {
            for (double x = input.min(); x <= input.max(); x++) {
                v.add(x);
            }
        }
        v.add(input == Input.BMI ? 12.0 : input.min());
        v.add(input.max());
        double step = integer ? 1 : 0.5;
        for (Threshold t : thresholds) {
            if (Objects.equals(t.getUnit(), input.unit())) {
                for (double x : new double[] {t.getValue() - step, t.getValue(), t.getValue() + step}) {
                    if (x >= input.min() && x <= input.max() && (input != Input.BMI || x > 0)) {
                        v.add(x);
                    }
                }
            }
        }
        if (current instanceof Number n) {
            v.add(n.doubleValue());
        }
        List<Object> out = new ArrayList<>(v.size());
        for (double x : v) {
            out.add(integer ? (Object) (int) x : (Object) x);
        }
        return out;
    }
}
