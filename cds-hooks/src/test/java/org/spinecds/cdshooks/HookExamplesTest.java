package org.spinecds.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The hook requests of {@code examples/fhir/hooks/} stay in step with the example bundles. After
 * changing a bundle, rewrite them with
 * {@code mvn -B -pl cds-hooks test -Dtest=HookExamplesTest -Dspinecds.writeHooks=true}.
 */
class HookExamplesTest {

    @Test
    void theExampleHookRequestsAreMadeFromTheBundles() throws Exception {
        if (Boolean.getBoolean("spinecds.writeHooks")) {
            HookExamples.writeAll();
        }
        Map<String, String> expected = HookExamples.expectedFiles();

        // the trial run of docs/cds-hooks.md posts early-sciatica's patient-view request
        assertThat(expected).containsKey("early-sciatica.patient-view.json");
        assertThat(expected.keySet().stream().filter(n -> n.endsWith(".patient-view.json")))
                .hasSameSizeAs(HookExamples.names()).isNotEmpty();
        assertThat(expected.keySet()).anySatisfy(n -> assertThat(n).endsWith(".order-select.json"));
        try (Stream<Path> files = Files.list(HookExamples.hooksDir())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("files in examples/fhir/hooks").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        for (Map.Entry<String, String> f : expected.entrySet()) {
            assertThat(Files.readString(HookExamples.hooksDir().resolve(f.getKey())))
                    .as(f.getKey() + " is out of step with its bundle; rewrite with -Dspinecds.writeHooks=true")
                    .isEqualTo(f.getValue());
        }
    }
}
