package org.spinecds.patient;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.spinecds.InvalidPatientException;

/** Type coercion, ranges and cross-field consistency of patient inputs. */
final class Validation {

    private Validation() {
    }

    /** Converts a generic value to the input's canonical type, or throws naming the input. */
    static Object coerce(Input input, Object value) {
        return switch (input.type()) {
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw wrongType(input, value, "true or false");
            }
            case INTEGER -> checkRange(input, integral(input, value));
            case DECIMAL -> checkRange(input, decimal(input, value));
            case ENUM -> constant(input, value);
            case ENUM_SET -> constants(input, value);
        };
    }

    private static Integer integral(Input input, Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long || value instanceof BigInteger) {
            BigInteger big = value instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) value;
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            throw outOfRange(input, big);
        }
        if (value instanceof Number n) {
            BigDecimal d = decimalOf(input, n);
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                if (d.stripTrailingZeros().scale() > 0) {
                    throw InvalidPatientException.of(input.jsonName(), "must be a whole number, was %s", plain(d));
                }
                throw outOfRange(input, d);
            }
        }
        throw wrongType(input, value, "a whole number");
    }

    private static Double decimal(Input input, Object value) {
        if (value instanceof Number n) {
            BigDecimal exact = decimalOf(input, n);
            double d = exact.doubleValue();
            if (Double.isInfinite(d)) {
                throw outOfRange(input, exact);
            }
            return d;
        }
        throw wrongType(input, value, "a number");
    }

    private static BigDecimal decimalOf(Input input, Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw InvalidPatientException.of(input.jsonName(), "must be a finite number, was %s", d);
        }
        return BigDecimal.valueOf(d);
    }

    private static <N extends Number> N checkRange(Input input, N value) {
        double v = value.doubleValue();
        boolean exclusiveMin = input == Input.BMI;
        boolean tooLow = exclusiveMin ? v <= input.min() : v < input.min();
        if (tooLow || v > input.max()) {
            throw outOfRange(input, value);
        }
        return value;
    }

    private static InvalidPatientException outOfRange(Input input, Object value) {
        String low = input == Input.BMI ? "above " + plain(input.min()) : "from " + plain(input.min());
        String unit = input.unit() == null ? "" : " " + input.unit();
        return InvalidPatientException.of(input.jsonName(), "must be %s to %s%s, was %s",
                low, plain(input.max()), unit, value instanceof Number n ? plain(n) : value);
    }

    private static Enum<?> constant(Input input, Object value) {
        Class<? extends Enum<?>> type = input.enumType();
        if (type.isInstance(value)) {
            return (Enum<?>) value;
        }
        if (value instanceof String s) {
            for (Enum<?> c : type.getEnumConstants()) {
                if (c.name().equals(s)) {
                    return c;
                }
            }
            throw InvalidPatientException.of(input.jsonName(), "must be one of %s, was \"%s\"", allowed(input), s);
        }
        throw wrongType(input, value, "one of " + allowed(input));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<?> constants(Input input, Object value) {
        if (!(value instanceof Collection<?> items)) {
            throw wrongType(input, value, "a list of " + allowed(input));
        }
        EnumSet set = EnumSet.noneOf((Class) input.enumType());
        for (Object item : items) {
            if (item == null) {
                throw InvalidPatientException.of(input.jsonName(), "must not contain null");
            }
            set.add(constant(input, item));
        }
        return Collections.unmodifiableSet(set);
    }

    private static String allowed(Input input) {
        return Arrays.stream(input.enumType().getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static InvalidPatientException wrongType(Input input, Object value, String expected) {
        String got = value instanceof String ? "a string" : value.getClass().getSimpleName();
        return InvalidPatientException.of(input.jsonName(), "must be %s, was %s", expected, got);
    }

    private static String plain(Number n) {
        if (n instanceof Double d && !Double.isFinite(d) || n instanceof Float f && !Float.isFinite(f)) {
            return n.toString();
        }
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        String text = d.stripTrailingZeros().toPlainString();
        return text.length() > 40 ? d.round(new java.math.MathContext(6)).toString() : text;
    }

    private static String plain(double d) {
        return plain(BigDecimal.valueOf(d));
    }

    /**
     * Cross-field consistency: inputs that cannot all be true at once. A set input's member counts as
     * missing only when it is known absent (from the complete list or member by member).
     */
    static void check(Patient p) {
        Map<Input, Object> v = p.knownInputs();
        if (v.containsKey(Input.SPONDYLOLISTHESIS_GRADE) && p.absent(Input.DIAGNOSES).contains(Diagnosis.SPONDYLOLISTHESIS)) {
            throw InvalidPatientException.of(Input.SPONDYLOLISTHESIS_GRADE.jsonName(),
                    "is given although diagnoses %s SPONDYLOLISTHESIS", doesNotList(p, Input.DIAGNOSES));
        }
        if (v.containsKey(Input.IMAGING_CONCORDANT) && Boolean.FALSE.equals(v.get(Input.IMAGING_DONE))) {
            throw InvalidPatientException.of(Input.IMAGING_CONCORDANT.jsonName(),
                    "is given although imagingDone is false");
        }
        if (isEmpty(v, Input.CONSERVATIVE_CARE)) {
            Object weeks = v.get(Input.CONSERVATIVE_CARE_WEEKS);
            if (weeks != null && (Integer) weeks > 0) {
                throw InvalidPatientException.of(Input.CONSERVATIVE_CARE_WEEKS.jsonName(),
                        "is %s although conservativeCare lists no treatment", weeks);
            }
            // "relieved: false" with no care is merely redundant; "relieved: true" cannot be
            if (Boolean.TRUE.equals(v.get(Input.CONSERVATIVE_CARE_RELIEVED))) {
                throw InvalidPatientException.of(Input.CONSERVATIVE_CARE_RELIEVED.jsonName(),
                        "is true although conservativeCare lists no treatment");
            }
        }
        Object careWeeks = v.get(Input.CONSERVATIVE_CARE_WEEKS);
        Object symptomWeeks = v.get(Input.SYMPTOM_DURATION_WEEKS);
        if (careWeeks != null && symptomWeeks != null && (Integer) careWeeks > (Integer) symptomWeeks) {
            throw InvalidPatientException.of(Input.CONSERVATIVE_CARE_WEEKS.jsonName(),
                    "is %s, longer than the symptoms have lasted (symptomDurationWeeks %s)", careWeeks, symptomWeeks);
        }
        Object procedure = v.get(Input.PLANNED_PROCEDURE);
        if (procedure != null) {
            Region region = ((Procedure) procedure).region();
            if (region != null && p.absent(Input.REGIONS).contains(region)) {
                Object regions = v.get(Input.REGIONS);
                throw InvalidPatientException.of(Input.PLANNED_PROCEDURE.jsonName(),
                        "%s is a %s procedure, but regions %s %s", ((Procedure) procedure).name(),
                        region.name().toLowerCase(java.util.Locale.ROOT),
                        regions == null ? "gives as absent" : names((Set<?>) regions) + " does not list",
                        region.name());
            }
        }
        // a motor strength below normal is weakness: the symptoms must not say it is absent
        Object mrc = v.get(Input.MOTOR_STRENGTH_MRC);
        if (mrc != null && (Integer) mrc < 5 && p.absent(Input.SYMPTOMS).contains(Symptom.WEAKNESS)) {
            throw InvalidPatientException.of(Input.MOTOR_STRENGTH_MRC.jsonName(),
                    "is %s (weakness), but symptoms %s WEAKNESS", mrc, doesNotList(p, Input.SYMPTOMS));
        }
        if (isEmpty(v, Input.SYMPTOMS)) {
            if (v.containsKey(Input.SYMPTOM_DURATION_WEEKS)) {
                throw InvalidPatientException.of(Input.SYMPTOM_DURATION_WEEKS.jsonName(),
                        "is given although symptoms lists no symptom");
            }
            if (Boolean.TRUE.equals(v.get(Input.SYMPTOMS_PERSIST))) {
                throw InvalidPatientException.of(Input.SYMPTOMS_PERSIST.jsonName(),
                        "is true although symptoms lists no symptom");
            }
        }
    }

    /** How a message says a member is missing: from the complete list, or given as absent. */
    private static String doesNotList(Patient p, Input input) {
        return p.isKnown(input) ? "does not list" : "gives as absent";
    }

    private static String names(Set<?> constants) {
        return constants.stream().map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ", "[", "]"));
    }

    private static boolean isEmpty(Map<Input, Object> v, Input setInput) {
        Object set = v.get(setInput);
        return set != null && ((Set<?>) set).isEmpty();
    }
}
