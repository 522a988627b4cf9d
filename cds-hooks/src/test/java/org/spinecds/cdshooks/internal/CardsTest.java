package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.RuleRef;
import org.spinecds.Severity;
import org.spinecds.Source;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

class CardsTest {

    private static SpineCds engine;

    @BeforeAll
    static void engine() {
        engine = SpineCds.withDefaultRules();
    }

    private static Cards.CardInput example(String name, Map<Input, List<String>> provenance, List<String> notSent)
            throws Exception {
        Patient p = PatientJson.read(Path.of("../examples/patients/" + name + ".json"));
        return new Cards.CardInput(engine.assess(p), p, provenance, notSent);
    }

    private static List<Card> cards(String name) throws Exception {
        return new Cards().render(example(name, Map.of(), List.of()));
    }

    @Test
    void aCandidateGetsOneInformationCardWithTheChecklist() throws Exception {
        List<Card> cards = cards("lumbar-disc-herniation");

        assertThat(cards).hasSize(1);
        Card verdict = cards.get(0);
        assertThat(verdict.summary()).isEqualTo("Candidate for minimally invasive spine surgery: all 7 candidacy criteria met");
        assertThat(verdict.indicator()).isEqualTo("info");
        assertThat(verdict.extension()).containsEntry("org.spinecds.verdict", "MINIMALLY_INVASIVE_CANDIDATE");
        assertThat(verdict.detail()).contains("| CAND-3: Conservative care", "| MET |",
                "`conservativeCareWeeks` = 12 weeks (`>=` 6 weeks (`minConservativeCareWeeks`))",
                "**Also in this assessment**", "(`PROC-GENERAL`)", "it does not make it.");
        assertThat(verdict.overrideReasons()).extracting(Card.Coding::code).contains("data-incorrect");
        assertThat(verdict.source().label()).isNotBlank();
        assertThat(verdict.source().topic()).isEqualTo(new Card.Coding(Cards.VERDICT_TOPIC_SYSTEM,
                "MINIMALLY_INVASIVE_CANDIDATE", "Candidate for minimally invasive spine surgery"));
    }

    @Test
    void everyCardHasATopic() throws Exception {
        for (String name : List.of("cauda-equina", "early-sciatica", "incomplete-referral", "smoker-with-stenosis")) {
            List<Card> cards = cards(name);
            assertThat(cards.get(0).source().topic().system()).as(name).isEqualTo(Cards.VERDICT_TOPIC_SYSTEM);
            assertThat(cards).as(name).allSatisfy(c -> assertThat(c.source().topic()).isNotNull());
        }
    }

    @Test
    void redFlagsAreCriticalCardsCitingTheirSourceWithItsUrl() throws Exception {
        List<Card> cards = cards("cauda-equina");

        assertThat(cards.get(0).indicator()).isEqualTo("critical");
        assertThat(cards.get(0).summary()).startsWith("Urgent surgical evaluation: Red flag: bladder or bowel")
                .endsWith("(and 1 more)");
        Card bladder = cards.stream().filter(c -> "URG-BLADDER-BOWEL".equals(c.extension().get("org.spinecds.finding")))
                .findFirst().orElseThrow();
        assertThat(bladder.indicator()).isEqualTo("critical");
        assertThat(bladder.source().url()).isEqualTo("https://www.nice.org.uk/guidance/ng59");
        assertThat(bladder.source().label()).startsWith("NICE guideline NG59").hasSizeLessThanOrEqualTo(100);
        assertThat(bladder.source().topic().code()).isEqualTo("red-flag");
        assertThat(bladder.detail()).contains("| `bladderBowelDysfunction` | true |", "**Action:**",
                "Rule `URG-BLADDER-BOWEL` (criterion URG-1, red-flag, critical) in `red-flags.drl`");
        // the inputs still missing come next, as information: the verdict does not wait for them
        assertThat(cards.get(1).summary()).startsWith("Collect 5 inputs to complete the assessment: asaClass");
        assertThat(cards.get(1).indicator()).isEqualTo("info");
    }

    @Test
    void significantFindingsAreWarningsAndCriticalsOutsideTheChecklist() throws Exception {
        Cards.CardInput in = example("adult-deformity", Map.of(), List.of());
        List<Card> cards = new Cards().render(in);

        List<String> expected = in.assessment().findings().stream()
                .filter(f -> f.severity() != Severity.INFO && f.category() != Category.CANDIDACY)
                .map(Finding::code).toList();
        assertThat(expected).contains("OPEN-SVA", "RISK-AGE", "PROC-COMPLEX").doesNotContain("PROC-GENERAL",
                "CAND-1-DEFORMITY-BEYOND-LIMITS");
        assertThat(cards.subList(1, cards.size())).extracting(c -> c.extension().get("org.spinecds.finding"))
                .containsExactlyElementsOf(expected);
        Card sva = cards.stream().filter(c -> "OPEN-SVA".equals(c.extension().get("org.spinecds.finding")))
                .findFirst().orElseThrow();
        assertThat(sva.indicator()).isEqualTo("warning");
        assertThat(sva.detail()).contains("| `svaCm` | 9.5 cm | `>` | 6 cm (`maxSvaCm`) |", "- MISDEF: Mummaneni PV");
        assertThat(cards.get(0).summary()).isEqualTo("Open surgery preferred: Pelvic tilt 31 deg beyond minimally "
                + "invasive limits; open surgery preferred (and 3 more)");
    }

    @Test
    void missingInputsGetACardNamingThemAndWhatTheyAreNeededFor() throws Exception {
        List<Card> cards = new Cards().render(example("incomplete-referral",
                Map.of(Input.AGE, List.of("Patient/p1")), List.of("observations", "procedures")));

        Card verdict = cards.get(0);
        assertThat(verdict.extension()).containsEntry("org.spinecds.verdict", "INSUFFICIENT_INFORMATION");
        assertThat(verdict.indicator()).isEqualTo("warning");
        Card collect = cards.get(1);
        assertThat(collect.indicator()).isEqualTo("warning");
        assertThat(collect.summary()).startsWith("Collect 8 inputs to complete the assessment: asaClass, "
                + "severeSystemicCondition, imagingDone").hasSizeLessThan(140);
        assertThat(collect.detail()).contains("| `imagingDone` | Spinal imaging was done | CAND-4 |",
                "The EHR did not send these prefetch data: `observations`, `procedures`",
                "Also unknown (findings that need them cannot be made): `bmi`");
        assertThat(collect.extension()).containsEntry("org.spinecds.missingInputs",
                verdictInputs("incomplete-referral"));
    }

    private static List<String> verdictInputs(String name) throws Exception {
        return example(name, Map.of(), List.of()).assessment().missingInputs();
    }

    @Test
    void theRecordTheEvidenceCameFromIsNamed() throws Exception {
        List<Card> cards = new Cards().render(example("adult-deformity",
                Map.of(Input.SVA_CM, List.of("Observation/sva-1")), List.of()));

        assertThat(cards).filteredOn(c -> "OPEN-SVA".equals(c.extension().get("org.spinecds.finding")))
                .singleElement().satisfies(c -> assertThat(c.detail())
                        .contains("**From the record:** `svaCm` from Observation/sva-1"));
    }

    @Test
    void summariesAreShortenedUnder140CharactersAndTextIsEscaped() throws Exception {
        Cards.CardInput base = example("lumbar-disc-herniation", Map.of(), List.of());
        Assessment a = base.assessment();
        Finding longOne = new Finding("SITE-LONG", "SITE-1", Category.PATIENT_RISK, Severity.WARNING,
                "A site rule whose summary goes on and on ".repeat(8), "Value | <script>alert(1)</script> *bold*",
                List.of(new Evidence("bmi", 31.25, "kg/m2", ">=", 30.0, "obesityBmi")),
                List.of(new Source("X1", "A citation", "https://example.org/x1"),
                        new Source("X2", "Another citation", "https://example.org/x2")),
                new RuleRef("Long", "site.drl"), null);
        Assessment withLong = new Assessment(a.verdict(), a.decidedBy(), a.overridden(), a.criteria(),
                List.of(longOne), a.missingInputs(), a.knowledgeBase(), Instant.now(), null);

        Card card = new Cards().render(new Cards.CardInput(withLong, base.patient(), Map.of(), List.of())).get(1);

        assertThat(card.summary().codePointCount(0, card.summary().length())).isLessThan(140);
        assertThat(card.summary()).endsWith("…").startsWith("A site rule whose summary goes on and on A site");
        assertThat(card.detail()).startsWith("Value \\| \\<script\\>alert(1)\\</script\\> \\*bold\\*")
                .contains("| `bmi` | 31.25 kg/m2 | `>=` | 30 kg/m2 (`obesityBmi`) |");
        assertThat(card.links()).containsExactly(new Card.Link("Another citation", "https://example.org/x2", "absolute"));
        assertThat(Cards.summary("x".repeat(200))).hasSize(139);
    }

    @Test
    void aCardRefusesASummaryOf140CharactersOrAnUnknownIndicator() {
        Card.Source source = new Card.Source("s", null, null);
        assertThatThrownBy(() -> new Card("u", "x".repeat(140), null, "info", source, List.of(), List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 140");
        assertThatThrownBy(() -> new Card("u", "ok", null, "hint", source, List.of(), List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hint");
    }

    @Test
    void everyExamplePatientGivesValidCardsWithItsVerdictFirst() throws Exception {
        for (String name : List.of("adult-deformity", "axial-back-pain", "cauda-equina", "cervical-radiculopathy",
                "early-sciatica", "incomplete-referral", "lumbar-disc-herniation", "multilevel-stenosis",
                "smoker-with-stenosis")) {
            Cards.CardInput in = example(name, Map.of(), List.of());
            List<Card> cards = new Cards().render(in);
            Verdict v = in.assessment().verdict();
            assertThat(cards.get(0).extension()).as(name).containsEntry("org.spinecds.verdict", v.name());
            assertThat(cards).as(name).allSatisfy(c -> {
                assertThat(c.summary().length()).isLessThan(140);
                assertThat(c.uuid()).matches("[0-9a-f-]{36}");
                assertThat(c.detail()).isNotBlank();
            });
            assertThat(cards).extracting(Card::uuid).doesNotHaveDuplicates();
        }
    }
}
