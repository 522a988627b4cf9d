package org.spinecds.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.spinecds.RuleLint;

/**
 * The lint behind {@link RuleLint}: parses each DRL file with Drools' own parser, blanks out the
 * string literals and comments of every rule (its conditions and consequences) and function body,
 * keeping offsets and line breaks, and matches the calls a rule must not make. Walking the parsed
 * rules and functions rather than the file's text puts each warning on the right rule or function,
 * with the line of the call.
 */
public final class DrlLint {

    /** A call to look for: the pattern, what to call it ({@code $1} for its first group), and why not. */
    private record Check(Pattern pattern, String what, String why) {
        Check(String regex, String what, String why) {
            this(Pattern.compile(regex), what, why);
        }
    }

    private static final String EXIT = "a rule must not stop the host";
    private static final String PROCESS = "a rule must not start processes";
    private static final String FILES = "a rule must not read or write files";
    private static final String NETWORK = "a rule must not open connections";
    private static final String THREADS = "a rule must not start, block or hold threads";
    private static final String PRINTS = "a rule must not print (patient values would reach the host's output)";
    private static final String LOOPS = "a loop without end fails the assessment at its time limit";

    private static final List<Check> CHECKS = List.of(
            new Check("\\bSystem\\s*\\.\\s*exit\\s*\\(", "calls System.exit", EXIT),
            new Check("\\bdrools\\s*\\.\\s*halt\\s*\\(", "calls drools.halt",
                    "a rule must not halt the session (the assessment then fails as incomplete)"),
            new Check("(?<!drools)\\s*\\.\\s*halt\\s*\\(", "calls Runtime.halt", EXIT),
            new Check("(?<!System|getRuntime\\(\\))\\s*\\.\\s*exit\\s*\\(", "calls exit", EXIT),
            new Check("\\b(PrintWriter|PrintStream|FileDescriptor)\\b", "uses $1", FILES),
            new Check("\\bgetRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exit\\s*\\(", "calls Runtime.exit", EXIT),
            new Check("\\.\\s*exec\\s*\\(", "calls exec", PROCESS),
            new Check("\\b(ProcessBuilder|ProcessHandle)\\b", "uses $1", PROCESS),
            new Check("\\b(File|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile|FileChannel"
                    + "|FileSystems?)\\b", "uses $1", FILES),
            new Check("\\b(Files|Paths)\\s*\\.", "uses $1", FILES),
            new Check("\\bPath\\s*\\.\\s*of\\s*\\(", "uses Path.of", FILES),
            new Check("\\b(Socket|ServerSocket|DatagramSocket|SocketChannel|ServerSocketChannel|DatagramChannel"
                    + "|AsynchronousSocketChannel|HttpClient|URLConnection|HttpURLConnection)\\b", "uses $1", NETWORK),
            new Check("\\.\\s*(openConnection|openStream)\\s*\\(", "calls $1", NETWORK),
            new Check("\\b(Thread|ThreadPoolExecutor|ScheduledThreadPoolExecutor|ForkJoinPool|Executors"
                    + "|ExecutorService|CompletableFuture|Timer)\\b", "uses $1", THREADS),
            new Check("\\bSystem\\s*\\.\\s*(out|err)\\b", "uses System.$1", PRINTS),
            new Check("\\.\\s*printStackTrace\\s*\\(", "calls printStackTrace", PRINTS),
            new Check("\\bwhile\\s*\\(\\s*true\\s*\\)", "loops with while (true)", LOOPS),
            new Check("\\bfor\\s*\\(\\s*;\\s*;\\s*\\)", "loops with for (;;)", LOOPS));

    /** Imported functions of these classes (e.g. {@code import function java.lang.System.exit}) are warned of. */
    private static final Pattern FORBIDDEN_IMPORTS = Pattern.compile("^(java\\.lang\\.(System|Runtime|Thread|"
            + "ProcessBuilder)\\.|java\\.(io|nio|net)\\.|java\\.util\\.concurrent\\.)");

    private DrlLint() {
    }

    /** Lints every DRL file of a rule set, in path order. */
    public static List<RuleLint.Warning> lint(RuleSetSource ruleSet) {
        List<RuleLint.Warning> warnings = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : ruleSet.files().entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                warnings.addAll(lint(ruleSet.displayPath(file.getKey()),
                        new String(file.getValue(), StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(warnings);
    }

    /** Lints one DRL text; a text that does not parse gives no warnings (loading reports it). */
    public static List<RuleLint.Warning> lint(String file, String drl) {
        PackageDescr descr = parse(drl);
        if (descr == null) {
            return List.of();
        }
        int[] lineStarts = lineStarts(drl);
        Set<RuleLint.Warning> warnings = new LinkedHashSet<>();
        // an imported function is called by its bare name, which the checks above cannot see
        for (org.drools.drl.ast.descr.FunctionImportDescr i : descr.getFunctionImports()) {
            String target = i.getTarget();
            if (target != null && FORBIDDEN_IMPORTS.matcher(target).find()) {
                warnings.add(new RuleLint.Warning(file, Math.max(i.getLine(), 1), "function", target,
                        "is imported: its calls are calls a rule must not make (" + EXIT + ", print, read or "
                                + "write files, open connections or start threads)"));
            }
        }
        for (FunctionDescr f : descr.getFunctions()) {
            check(warnings, file, drl, lineStarts, "function", f.getName(), f.getBody(), f.getStartCharacter(),
                    f.getLine());
        }
        for (RuleDescr r : descr.getRules()) {
            // the conditions too: an eval, a from or an accumulate's code runs as a consequence does
            int start = r.getStartCharacter();
            boolean hasConsequence = r.getConsequence() instanceof String code && !code.isBlank();
            int then = hasConsequence && start >= 0 ? drl.indexOf((String) r.getConsequence(), start) : -1;
            int end = hasConsequence ? then : Math.min(r.getEndCharacter() + 1, drl.length());
            if (start >= 0 && end > start) {
                check(warnings, file, drl, lineStarts, "rule", r.getName(), drl.substring(start, end), start,
                        r.getLine());
            }
            if (r.getConsequence() instanceof String code) {
                check(warnings, file, drl, lineStarts, "rule", r.getName(), code, r.getStartCharacter(),
                        r.getConsequenceLine());
            }
            for (Object named : r.getNamedConsequences().values()) {
                if (named instanceof String code) {
                    check(warnings, file, drl, lineStarts, "rule", r.getName(), code, r.getStartCharacter(),
                            r.getConsequenceLine());
                }
            }
        }
        return warnings.stream().sorted(Comparator.comparingInt(RuleLint.Warning::line)).toList();
    }

    /** The parsed DRL text, or {@code null} when it does not parse (compiling it reports why). */
    static PackageDescr parse(String drl) {
        try {
            return new DrlParser().parse(false, drl);
        } catch (DroolsParserException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Matches the checks in one block of code. Its line numbers come from where the block stands in the
     * file (found from the rule's or function's start, as the parser trims the block); should it not be
     * found, from the line the parser gives the block.
     */
    private static void check(Set<RuleLint.Warning> warnings, String file, String drl, int[] lineStarts, String kind,
                              String name, String code, int searchFrom, int fallbackLine) {
        if (code == null || code.isBlank()) {
            return;
        }
        int at = drl.indexOf(code, Math.max(searchFrom, 0));
        String stripped = stripLiteralsAndComments(code);
        for (Check c : CHECKS) {
            Matcher m = c.pattern().matcher(stripped);
            while (m.find()) {
                int line = at >= 0 ? lineOf(lineStarts, at + m.start())
                        : Math.max(fallbackLine, 1) + newlines(code, m.start());
                String what = m.groupCount() > 0 ? c.what().replace("$1", m.group(1)) : c.what();
                warnings.add(new RuleLint.Warning(file, line, kind, name, what + ": " + c.why()));
            }
        }
    }

    /**
     * The code with every string and character literal and every comment replaced by spaces, line
     * breaks kept, so that offsets and lines stay those of the original.
     */
    static String stripLiteralsAndComments(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                while (i < n && code.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(code, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && code.charAt(j) != c) {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(j + 1, n);
                blank(code, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String code, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(code.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    /** The offset at which each line of a text starts. */
    static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of an offset. */
    static int lineOf(int[] lineStarts, int offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static int newlines(String text, int end) {
        int count = 0;
        for (int i = 0; i < end && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
