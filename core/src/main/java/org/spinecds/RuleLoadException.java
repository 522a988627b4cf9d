package org.spinecds;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rule base could not be loaded: a DRL file did not compile, a rule's metadata is missing or
 * wrong, a code is used twice, a catalogue is malformed, or a file could not be read. Every problem
 * is listed with its file, and its line, column and rule where they are known.
 */
public final class RuleLoadException extends SpineCdsException {

    /**
     * One problem found while loading.
     *
     * @param file the file, relative to its rule set
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     * @param rule the rule's name, or {@code null}
     * @param message what is wrong
     */
    public record Problem(String file, int line, int column, String rule, String message) {
        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
        }

        /** {@code file:line:column: message}, the form compilers and editors understand. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(file);
            if (line > 0) {
                s.append(':').append(line);
                if (column > 0) {
                    s.append(':').append(column);
                }
            }
            s.append(": ");
            if (rule != null) {
                s.append("rule \"").append(rule).append("\": ");
            }
            return s.append(message).toString();
        }
    }

    private final List<Problem> problems;

    private RuleLoadException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public static RuleLoadException of(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a RuleLoadException needs at least one problem");
        }
        return new RuleLoadException(problems);
    }

    public static RuleLoadException of(String file, String format, Object... args) {
        return of(List.of(new Problem(file, 0, 0, null, String.format(java.util.Locale.ROOT, format, args))));
    }

    /** Every problem found, in file and line order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " loading rules:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
