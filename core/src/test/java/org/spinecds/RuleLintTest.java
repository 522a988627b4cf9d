package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lint of the calls a rule must not make, over the parsed DRL. */
class RuleLintTest {

    private static final String HEADER = """
            package org.spinecds.site;
            import org.spinecds.patient.*;
            """;

    /** A rule with the given consequence; after {@link #HEADER} it starts on line 3, its consequence on line 9. */
    private static String rule(String name, String consequence) {
        return """
                rule "%s"
                    @code("SITE-X") @criterion("FIX-1") @source("SRC-A")
                    @category("patient-risk") @severity("info")
                when
                    Patient( age != null )
                then
                %send
                """.formatted(name, consequence);
    }

    private static List<String> lint(String drl) {
        return RuleLint.lint("site.drl", drl).stream().map(RuleLint.Warning::toString).toList();
    }

    @Test
    void eachForbiddenCallIsNamedWithItsFileLineAndRule() {
        String drl = HEADER + rule("Bad", """
                    System.exit(1);
                    Runtime.getRuntime().halt(2);
                    Runtime.getRuntime().exec("rm");
                    new java.io.FileWriter("x");
                    java.nio.file.Files.readAllBytes(null);
                    new java.net.Socket("h", 1);
                    new java.net.URL("http://h").openStream();
                    java.net.http.HttpClient.newHttpClient();
                    new Thread(() -> {}).start();
                    java.util.concurrent.Executors.newFixedThreadPool(2);
                    System.out.println("hello");
                    System.err.println("hello");
                    new Exception().printStackTrace();
                    while (true) { }
                """);

        assertThat(lint(drl)).containsExactly(
                "site.drl:9: warning: rule \"Bad\" calls System.exit: a rule must not stop the host",
                "site.drl:10: warning: rule \"Bad\" calls Runtime.halt: a rule must not stop the host",
                "site.drl:11: warning: rule \"Bad\" calls exec: a rule must not start processes",
                "site.drl:12: warning: rule \"Bad\" uses FileWriter: a rule must not read or write files",
                "site.drl:13: warning: rule \"Bad\" uses Files: a rule must not read or write files",
                "site.drl:14: warning: rule \"Bad\" uses Socket: a rule must not open connections",
                "site.drl:15: warning: rule \"Bad\" calls openStream: a rule must not open connections",
                "site.drl:16: warning: rule \"Bad\" uses HttpClient: a rule must not open connections",
                "site.drl:17: warning: rule \"Bad\" uses Thread: a rule must not start, block or hold threads",
                "site.drl:18: warning: rule \"Bad\" uses Executors: a rule must not start, block or hold threads",
                "site.drl:19: warning: rule \"Bad\" uses System.out: a rule must not print (patient values would "
                        + "reach the host's output)",
                "site.drl:20: warning: rule \"Bad\" uses System.err: a rule must not print (patient values would "
                        + "reach the host's output)",
                "site.drl:21: warning: rule \"Bad\" calls printStackTrace: a rule must not print (patient values "
                        + "would reach the host's output)",
                "site.drl:22: warning: rule \"Bad\" loops with while (true): a loop without end fails the "
                        + "assessment at its time limit");
    }

    @Test
    void wordsInStringsAndCommentsDoNotCount() {
        String drl = HEADER + rule("Harmless", """
                    // System.exit(1) would stop the host
                    /* new Thread(), Files.write(...),
                       System.out.println */
                    String a = "System.exit(0); new java.io.File(\\"x\\")";
                    char q = '"';
                    String b = "Thread \\" System.out";
                    insert( a + b + q );
                """);

        assertThat(lint(drl)).isEmpty();
    }

    @Test
    void aFunctionBodyIsLintedWithItsLines() {
        String drl = HEADER + """
                function void shout(String s) {
                    String quiet = "no System.out here";
                    System.out.println(s);
                }
                """ + rule("Calls the function", "    shout(\"x\");\n");

        assertThat(lint(drl)).containsExactly("site.drl:5: warning: function \"shout\" uses System.out: a rule "
                + "must not print (patient values would reach the host's output)");
    }

    @Test
    void codeInTheConditionsIsLintedToo() {
        String drl = HEADER + """
                rule "Reads a file while matching"
                    @code("SITE-X") @criterion("FIX-1") @source("SRC-A")
                    @category("patient-risk") @severity("info")
                when
                    Patient( age != null )
                    eval( java.nio.file.Files.exists(null) )
                then
                    insert( "Files." );
                end
                """;

        assertThat(lint(drl)).containsExactly("site.drl:8: warning: rule \"Reads a file while matching\" uses Files: "
                + "a rule must not read or write files");
    }

    @Test
    void aRuleSetOnDiskIsLintedFileByFileAsLoadingNamesTheFiles(@TempDir Path dir) {
        Fixture.write(dir.resolve("a.drl"), HEADER + rule("Exits", "    System.exit(1);\n"));
        Fixture.write(dir.resolve("b.drl"), HEADER + rule("Fine", "    insert( \"System.exit\" );\n"));

        assertThat(RuleLint.lint(dir)).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(dir + "/a.drl");
            assertThat(w.line()).isEqualTo(9);
            assertThat(w.kind()).isEqualTo("rule");
            assertThat(w.name()).isEqualTo("Exits");
        });
    }

    @Test
    void aFileThatDoesNotParseGivesNoWarningAndNoException() {
        assertThat(lint(HEADER + "rule \"Broken\" when Patient( then System.exit(1); end")).isEmpty();
    }

    @Test
    void anImportedFunctionAnExitThroughAVariableAndAHaltOfTheSessionAreNamedToo() {
        String drl = HEADER.replace("import org.spinecds.patient.*;", "import org.spinecds.patient.*;\n"
                + "import function java.lang.System.exit;") + rule("Sly", """
                    Runtime r = Runtime.getRuntime(); r.exit(0);
                    drools.halt();
                """);

        assertThat(lint(drl)).anySatisfy(w -> assertThat(w).contains("\"java.lang.System.exit\" is imported"))
                .anySatisfy(w -> assertThat(w).contains("rule \"Sly\" calls exit: a rule must not stop the host"))
                .anySatisfy(w -> assertThat(w).contains("rule \"Sly\" calls drools.halt"))
                .noneSatisfy(w -> assertThat(w).contains("Sly\" calls Runtime.halt"));
    }
}
