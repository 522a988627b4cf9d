package org.spinecds.rules.modular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.spinecds.SpineCds;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;

/**
 * Core and the rules as named modules (module-info) on the module path, Drools as automatic modules:
 * the engine loads the pre-built rule base and a patient gets the assessment it gets on the class path;
 * core's internals are not readable from outside. (This class is in a package of the test classes only,
 * which run on the class path beside the named module org.spinecds.rules.)
 */
class ModulePathTest {

    private static final Path PATIENT = Path.of("../examples/patients/lumbar-disc-herniation.json");

    /** Run in a JVM of its own with core and the rules on the module path: prints the assessment. */
    public static void main(String[] args) throws Exception {
        SpineCds engine = SpineCds.withDefaultRules();
        System.out.println(SpineCds.class.getModule().getName() + " " + ModulePathTest.class.getModule().isNamed()
                + " " + SpineCds.class.getModule().isExported("org.spinecds.internal") + " "
                + engine.knowledgeBase().sha256());
        System.out.print(withoutTime(AssessmentJson.write(engine.assess(PatientJson.read(Files.readString(PATIENT))))));
    }

    private static String withoutTime(String assessment) {
        return assessment.replaceAll("\"assessedAt\" ?: ?\"[^\"]+\"", "\"assessedAt\":\"\"");
    }

    @Test
    void theEngineAssessesAsOnTheClassPath() throws Exception {
        List<String> modulePath = new ArrayList<>();
        String testClasses = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                testClasses = entry;
            } else if (!List.of("surefire", "junit", "jqwik", "assertj", "opentest4j", "apiguardian",
                    "drools-model-codegen").stream().anyMatch(entry::contains)) {
                modulePath.add(entry);
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "org.spinecds.core,org.spinecds.rules", "-cp", testClasses,
                ModulePathTest.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        SpineCds engine = SpineCds.withDefaultRules();
        assertThat(p.exitValue()).as("exit code; its errors are in the test log").isZero();
        assertThat(out.lines().findFirst().orElseThrow())
                .isEqualTo("org.spinecds.core false false " + engine.knowledgeBase().sha256());
        assertThat(out.substring(out.indexOf('\n') + 1)).isEqualTo(withoutTime(
                AssessmentJson.write(engine.assess(PatientJson.read(Files.readString(PATIENT))))));
    }
}
