package org.spinecds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.RuleLoadException.Problem;

class RuleLoadingTest {

    @TempDir
    Path dir;

    private static final String RULE = """
            package org.spinecds.fixture;
            import org.spinecds.patient.*;
            import function org.spinecds.rule.RuleKit.finding;

            rule "Smoker"
                @code(%s) @criterion(%s) @source(%s)
                @category("patient-risk") @severity("warning")
            when
                Patient( smokingStatus == SmokingStatus.CURRENT )
            then
                insertLogical( finding(drools).summary("Smoker").detail("Smokes") );
            end
            """;

    private RuleLoadException loadFailure() {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> SpineCds.builder().rules(dir).build());
        assertThat(t).isInstanceOf(RuleLoadException.class);
        return (RuleLoadException) t;
    }

    private void extraRule(String code, String criterion, String source) {
        Fixture.write(dir.resolve("extra.drl"), RULE.formatted(code, criterion, source));
    }

    @Test
    void theFixtureLoadsWithItsNameVersionAndRules() {
        Fixture.copyTo(dir);

        SpineCds engine = SpineCds.builder().rules(dir).build();

        assertThat(engine.knowledgeBase().name()).isEqualTo("fixture");
        assertThat(engine.knowledgeBase().version()).isEqualTo("1.2.3");
        assertThat(engine.knowledgeBase().ruleCount()).isEqualTo(2);
        assertThat(engine.knowledgeBase().sha256()).hasSize(64);
        assertThat(engine.rules()).extracting(RuleInfo::code).containsExactly("FIX-OLD", "FIX-WALK");
        assertThat(engine.thresholds()).extracting(t -> t.getName()).containsExactly("fixtureAge");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        Fixture.copyTo(dir);
        // line 5 has the error: one closing parenthesis too many, at column 24
        Fixture.write(dir.resolve("broken.drl"), """
                package org.spinecds.fixture;
                import org.spinecds.patient.*;
                rule "Broken"
                when
                    Patient( age > 10 ))
                then
                end
                """);

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("broken.drl");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo(24);
        });
        assertThat(e.getMessage()).contains("broken.drl:5:24: ");
    }

    @Test
    void anUnknownFieldIsACompileErrorWithItsFile() {
        Fixture.copyTo(dir);
        Fixture.write(dir.resolve("field.drl"), RULE.formatted("\"X-1\"", "\"FIX-1\"", "\"SRC-A\"")
                .replace("smokingStatus ==", "smokingHabit =="));

        RuleLoadException e = loadFailure();

        assertThat(e.getMessage()).contains("field.drl").contains("smokingHabit");
    }

    @Test
    void aRuleWithoutCodeFailsWithItsNameAndFile() {
        Fixture.copyTo(dir);
        Fixture.write(dir.resolve("extra.drl"), RULE.formatted("\"X-1\"", "\"FIX-1\"", "\"SRC-A\"")
                .replace("@code(\"X-1\") ", ""));

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("extra.drl");
            assertThat(p.rule()).isEqualTo("Smoker");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).isEqualTo("missing @code");
        });
    }

    @Test
    void aRuleWithoutCriterionOrSourceFails() {
        Fixture.copyTo(dir);
        Fixture.write(dir.resolve("extra.drl"), RULE.formatted("\"X-1\"", "\"FIX-1\"", "\"SRC-A\"")
                .replace("@criterion(\"FIX-1\") @source(\"SRC-A\")", ""));

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).extracting(Problem::message).containsExactly("missing @criterion", "missing @source");
    }

    @Test
    void aRuleWithoutSourceCitesItsCriterionsSources() {
        Fixture.copyTo(dir);
        Fixture.write(dir.resolve("extra.drl"), RULE.formatted("\"X-1\"", "\"FIX-1\"", "\"SRC-A\"")
                .replace(" @source(\"SRC-A\")", ""));

        SpineCds engine = SpineCds.builder().rules(dir).build();

        // FIX-1 cites SRC-A in criteria.json
        assertThat(engine.rules()).filteredOn(r -> r.code().equals("X-1")).singleElement()
                .satisfies(r -> assertThat(r.sources()).extracting(Source::id).containsExactly("SRC-A"));
    }

    @Test
    void aDuplicateCodeFailsNamingBothRules() {
        Fixture.copyTo(dir);
        extraRule("\"FIX-OLD\"", "\"FIX-1\"", "\"SRC-A\"");

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).singleElement().satisfies(p ->
                assertThat(p.rule() + " " + p.message()).contains("@code(FIX-OLD)")
                        .contains("Older than the fixture age").contains("Smoker"));
    }

    @Test
    void anUnknownSourceFails() {
        Fixture.copyTo(dir);
        extraRule("\"X-1\"", "\"FIX-1\"", "\"SRC-A, NOPE\"");

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo("Smoker");
            assertThat(p.file()).endsWith("extra.drl");
            assertThat(p.message()).contains("NOPE");
        });
    }

    @Test
    void anUnknownCriterionFails() {
        Fixture.copyTo(dir);
        extraRule("\"X-1\"", "\"FIX-99\"", "\"SRC-A\"");

        assertThat(loadFailure().getMessage()).contains("@criterion(FIX-99) is not in the criteria catalogue");
    }

    @Test
    void anUnknownThresholdFailsWithItsLine() {
        Fixture.copyTo(dir);
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl).replace("name == \"fixtureAge\"", "name == \"fixtureAgee\""));

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("fixtureAgee");
            assertThat(p.line()).isEqualTo(20);
        });
    }

    @Test
    void aThresholdNamedOnTheLeftOfItsTestFailsWithItsFileLineAndColumn() {
        Fixture.copyTo(dir);
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl).replace("name == \"fixtureAge\"", "\"ageTypo\" == name"));

        RuleLoadException e = loadFailure();

        // line 20 is "    $t : Threshold( "ageTypo" == name )": the name starts at column 22
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("fixture.drl");
            assertThat(p.line()).isEqualTo(20);
            assertThat(p.column()).isEqualTo(22);
            assertThat(p.rule()).isEqualTo("Older than the fixture age");
            assertThat(p.message()).contains("threshold \"ageTypo\" is not defined");
        });
        assertThat(e.getMessage()).contains("fixture.drl:20:22");
    }

    @Test
    void aCommentThatNamesAThresholdLoads() {
        Fixture.copyTo(dir);
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, throughTheGlobal(Fixture.read(drl), "fixtureAge")
                .replace("rule \"Older than the fixture age\"", """
                        // Like thresholds.value("notAThreshold") or Threshold( name == "norThis" ): words, not code.
                        rule "Older than the fixture age\"""")
                .replace("then\n", "then\n    /* thresholds.get(\"stillNot\") */ // thresholds.value(\"nope\")\n"));

        SpineCds engine = SpineCds.builder().rules(dir).build();

        assertThat(engine.rules()).filteredOn(r -> r.code().equals("FIX-OLD")).singleElement()
                .satisfies(r -> assertThat(r.thresholds()).containsExactly("fixtureAge"));
        assertThat(engine.assess(org.spinecds.patient.Patient.builder().patientId("p").age(70).build())
                .findingCodes()).containsExactly("FIX-OLD");
    }

    /** A clinical catalogue for the fixture: classes.json and procedures.json, every procedure listed. */
    private void catalogue(String symptom) {
        Fixture.write(dir.resolve("classes.json"), """
                {"treatableDiagnoses": ["HERNIATED_DISC"], "coveredDiagnoses": ["HERNIATED_DISC"],
                 "symptomClasses": [{"name": "nerve-compression", "symptoms": ["%s"]}]}
                """.formatted(symptom));
        StringBuilder procedures = new StringBuilder("[");
        for (org.spinecds.patient.Procedure p : org.spinecds.patient.Procedure.values()) {
            procedures.append(procedures.length() > 1 ? ",\n" : "").append("{\"procedure\": \"").append(p.name())
                    .append("\", \"sameDay\": false}");
        }
        Fixture.write(dir.resolve("procedures.json"), procedures.append("]").toString());
    }

    @Test
    void aRuleReadsTheClinicalCatalogueThroughItsGlobal() {
        Fixture.copyTo(dir);
        catalogue("LEG_PAIN");
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl)
                .replace("import java.util.List;", "import java.util.List;\nglobal org.spinecds.rule.Catalogue catalogue;")
                .replace("Patient( $age : age != null, age >= $t.value )",
                        "Patient( $age : age != null, age >= $t.value, catalogue.treatable(diagnosesPresent).size > 0 )"));

        SpineCds engine = SpineCds.builder().rules(dir).build();

        assertThat(engine.assess(org.spinecds.patient.Patient.builder().patientId("p").age(70)
                .diagnoses(java.util.Set.of(org.spinecds.patient.Diagnosis.HERNIATED_DISC)).build()).findingCodes())
                .containsExactly("FIX-OLD");
        assertThat(engine.assess(org.spinecds.patient.Patient.builder().patientId("p").age(70)
                .diagnoses(java.util.Set.of(org.spinecds.patient.Diagnosis.SPINAL_STENOSIS)).build()).findingCodes())
                .isEmpty();
    }

    @Test
    void aMisspeltClassMemberFailsNamingTheFileAndField() {
        Fixture.copyTo(dir);
        catalogue("LEG_PAINN");

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("classes.json");
            assertThat(p.message()).startsWith("/symptomClasses/0/symptoms/0: ").contains("LEG_PAIN");
        });
    }

    @Test
    void aCatalogueFileThatBreaksItsSchemaFailsNamingTheFileAndEveryField() {
        Fixture.copyTo(dir);
        catalogue("LEG_PAIN");
        Fixture.write(dir.resolve("procedures.json"), Fixture.read(dir.resolve("procedures.json"))
                .replaceFirst(", \"sameDay\": false", ", \"sameday\": false"));

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).endsWith("procedures.json"))
                .extracting(RuleLoadException.Problem::message)
                .containsExactlyInAnyOrder("/0/sameday: unknown field", "/0/sameDay: required");
    }

    @Test
    void aRuleThatReadsTheCatalogueNeedsOne() {
        Fixture.copyTo(dir);
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl)
                .replace("import java.util.List;", "import java.util.List;\nglobal org.spinecds.rule.Catalogue catalogue;"));

        assertThat(loadFailure().getMessage()).contains("reads the global catalogue").contains("classes.json");
    }

    /** The fixture's threshold rule with the threshold read through the global instead of matched as a fact. */
    private static String throughTheGlobal(String drl, String name) {
        return drl.replace("import java.util.List;", "import java.util.List;\nglobal org.spinecds.rule.Thresholds thresholds;")
                .replace("    $t : Threshold( name == \"fixtureAge\" )\n", "")
                .replace("age >= $t.value", "age >= thresholds.value(\"" + name + "\")")
                .replace("$t.getValue()", "thresholds.value(\"" + name + "\")")
                .replace(">=\", $t)", ">=\", thresholds.get(\"" + name + "\"))");
    }

    /** The fixture copied to the test's directory, its threshold read through the global by {@code name}; its text. */
    private String fixtureReadingThroughTheGlobal(String name) {
        Fixture.copyTo(dir);
        Path drl = dir.resolve("fixture.drl");
        String text = throughTheGlobal(Fixture.read(drl), name);
        Fixture.write(drl, text);
        return text;
    }

    @Test
    void aThresholdReadThroughTheGlobalIsUsedCitedAndListed() {
        fixtureReadingThroughTheGlobal("fixtureAge");

        SpineCds engine = SpineCds.builder().rules(dir).build();
        Assessment old = engine.assess(org.spinecds.patient.Patient.builder().patientId("p").age(70).build());
        Assessment young = engine.assess(org.spinecds.patient.Patient.builder().patientId("p").age(50).build());

        assertThat(old.findingCodes()).containsExactly("FIX-OLD");
        assertThat(old.findings().get(0).evidence()).singleElement().satisfies(e -> {
            assertThat(e.threshold()).isEqualTo(60);
            assertThat(e.thresholdName()).isEqualTo("fixtureAge");
        });
        assertThat(young.findingCodes()).isEmpty();
        assertThat(engine.rules()).filteredOn(r -> r.code().equals("FIX-OLD")).singleElement()
                .satisfies(r -> assertThat(r.thresholds()).containsExactly("fixtureAge"));
    }

    @Test
    void aThresholdNamedByAnythingButOneLiteralFailsWithItsLine() {
        String text = fixtureReadingThroughTheGlobal("fixture\" + \"Age");
        int line = text.substring(0, text.indexOf("thresholds.value(\"fixture\" + ")).split("\n", -1).length;

        RuleLoadException e = loadFailure();

        // not the unknown threshold "fixture": the name cannot be checked, so it is refused as written
        assertThat(e.problems()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).contains("must be named by one text literal"))
                .anySatisfy(p -> assertThat(p.line()).isEqualTo(line));
    }

    @Test
    void anUnknownThresholdReadThroughTheGlobalFailsWithItsLine() {
        String text = fixtureReadingThroughTheGlobal("fixtureAgee");
        int line = text.substring(0, text.indexOf("fixtureAgee")).split("\n", -1).length;

        RuleLoadException e = loadFailure();

        // each reference is a problem of its own: the first is in the condition
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message()).contains("fixtureAgee"))
                .anySatisfy(p -> assertThat(p.line()).isEqualTo(line));
    }

    @Test
    void anUnknownCategoryOrSeverityFails() {
        Fixture.copyTo(dir);
        extraRule("\"X-1\"", "\"FIX-1\"", "\"SRC-A\"");
        Path drl = dir.resolve("extra.drl");
        Fixture.write(drl, Fixture.read(drl).replace("\"patient-risk\"", "\"risk\"").replace("\"warning\"", "\"high\""));

        assertThat(loadFailure().problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith("unknown @category(risk)"))
                .anySatisfy(m -> assertThat(m).startsWith("unknown @severity(high)"));
    }

    @Test
    void aMalformedCatalogueFailsWithItsLine() {
        Fixture.copyTo(dir);
        Fixture.write(dir.resolve("sources.json"), "[\n  {\"id\": \"SRC-A\",\n  \"citation\" \"x\"}\n]");

        RuleLoadException e = loadFailure();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("sources.json");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void aMissingDirectoryOrEmptyBuilderFailsClearly() {
        assertThatThrownBy(() -> SpineCds.builder().rules(dir.resolve("nope")).build())
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("no such file or directory");
        assertThatThrownBy(() -> SpineCds.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no rules");
    }

    @Test
    void theHashChangesWithAnyRuleFile() {
        Fixture.copyTo(dir);
        String before = SpineCds.builder().rules(dir).build().knowledgeBase().sha256();
        Path drl = dir.resolve("fixture.drl");
        Fixture.write(drl, Fixture.read(drl) + "\n// a comment\n");

        assertThat(SpineCds.builder().rules(dir).build().knowledgeBase().sha256()).isNotEqualTo(before);
    }
}
