package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;
import org.spinecds.patient.Procedure;

/** The clinical catalogue of the default rules (classes.json, procedures.json) and the patient format agree. */
class ClinicalCatalogueTest {

    private static JsonNode read(String file) throws Exception {
        try (InputStream in = ClinicalCatalogueTest.class.getResourceAsStream("/org/spinecds/rules/" + file)) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** The patient reader refuses a procedure that contradicts the regions by Procedure.region(): the rules must agree. */
    @Test
    void everyProcedureIsListedOnceWithTheRegionThePatientFormatGivesIt() throws Exception {
        Map<Procedure, String> regions = new HashMap<>();
        for (JsonNode p : read("procedures.json")) {
            String region = p.path("region").isTextual() ? p.get("region").asText() : null;
            assertThat(regions.put(Procedure.valueOf(p.get("procedure").asText()), String.valueOf(region))).isNull();
        }

        for (Procedure p : Procedure.values()) {
            assertThat(regions.get(p)).as(p.name()).isEqualTo(String.valueOf(p.region()));
        }
    }

    /** A copy of the default rule set's directory, as `spinecds check --standalone` checks it. */
    private static Path copyOfTheRuleSet(Path to) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/org/spinecds/rules"))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /** Why the rule set in {@code dir} does not load on its own with the default catalogues. */
    private static RuleLoadException standaloneFailure(Path dir) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> SpineCds.builder().defaultCatalogues().rules(dir).build(), RuleLoadException.class);
    }

    /** The rule set copied to {@code dir}, with one edit to one of its files. */
    private static void copyWithEdit(Path dir, String file, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        copyOfTheRuleSet(dir);
        Path f = dir.resolve(file);
        Files.writeString(f, edit.apply(Files.readString(f)));
    }

    @Test
    void aCopyOfTheCatalogueLaidOutDifferentlyIsTheSameCatalogue(@TempDir Path dir) throws Exception {
        copyOfTheRuleSet(dir);
        Path classes = dir.resolve("classes.json");
        Files.writeString(classes, new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(new ObjectMapper().readTree(classes.toFile())) + "\n\n");

        SpineCds engine = SpineCds.builder().defaultCatalogues().rules(dir).build();

        assertThat(engine.rules()).isNotEmpty();
    }

    @Test
    void aMisspeltFieldInACopyOfTheCatalogueIsNamedNotHiddenBehindTheCopy(@TempDir Path dir) throws Exception {
        copyWithEdit(dir, "classes.json", text -> text.replace("\"coveredDiagnoses\"", "\"coverdDiagnoses\""));

        RuleLoadException e = standaloneFailure(dir);

        assertThat(e.problems()).extracting(RuleLoadException.Problem::message)
                .contains("/coverdDiagnoses: unknown field", "/coveredDiagnoses: required")
                .noneMatch(m -> m.contains("defined twice"));
    }

    @Test
    void aChangedCopyOfTheCatalogueIsRefused(@TempDir Path dir) throws Exception {
        copyWithEdit(dir, "procedures.json", text -> text.replaceFirst("\"sameDay\": *true", "\"sameDay\": false"));

        RuleLoadException e = standaloneFailure(dir);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("procedures.json");
            assertThat(p.message()).startsWith("is defined twice, differently");
        });
    }
}
