package org.spinecds;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.spinecds.internal.DrlLint;
import org.spinecds.internal.RuleSetSource;

/**
 * Warns about DRL code that a rule must not run. A consequence or a DRL function is Java (or MVEL)
 * running with the host's rights; one that stops the process, starts a process, opens files or
 * connections, starts or blocks threads, prints, or loops without end harms every assessment of the
 * host, not just its own. The lint reads the parsed DRL (each rule's consequences and conditions, where
 * an {@code eval}, {@code from} or {@code accumulate} runs code too, and each function's body), with
 * string literals and comments left out, so a word in a message or a comment does not trigger it.
 *
 * <p>These are warnings, not load problems: the rule base still loads (a rule set is trusted code,
 * and the lint cannot prove a call harmful or its absence safe). {@code spinecds check} prints them.
 */
public final class RuleLint {

    /**
     * A call a rule or function should not make.
     *
     * @param file the DRL file, as load problems name it
     * @param line the 1-based line of the call
     * @param kind {@code rule} or {@code function}
     * @param name the rule's or function's name
     * @param message what it calls and why it must not, e.g. {@code calls System.exit: a rule must not stop the host}
     */
    public record Warning(String file, int line, String kind, String name, String message) {
        public Warning {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(message, "message");
        }

        /** {@code file:line: warning: rule "NAME" message}, the form compilers and editors understand. */
        @Override
        public String toString() {
            return file + ":" + line + ": warning: " + kind + " \"" + name + "\" " + message;
        }
    }

    private RuleLint() {
    }

    /**
     * Lints the DRL files of a rule set on disk: a {@code .drl} file or a directory, read as
     * {@link SpineCds.Builder#rules} reads it. A file that does not parse is skipped (loading reports it).
     *
     * @throws RuleLoadException if the rule set cannot be read
     */
    public static List<Warning> lint(Path fileOrDirectory) {
        return DrlLint.lint(RuleSetSource.fromPath(Objects.requireNonNull(fileOrDirectory, "fileOrDirectory")));
    }

    /** Lints the default rule set of {@code spinecds-rules} on the classpath. */
    public static List<Warning> lintDefaultRules() {
        return DrlLint.lint(RuleSetSource.fromClasspath(RuleLint.class.getClassLoader(), SpineCds.DEFAULT_RULES));
    }

    /** Lints one DRL text; {@code file} names it in the warnings. */
    public static List<Warning> lint(String file, String drl) {
        return DrlLint.lint(Objects.requireNonNull(file, "file"), Objects.requireNonNull(drl, "drl"));
    }
}
