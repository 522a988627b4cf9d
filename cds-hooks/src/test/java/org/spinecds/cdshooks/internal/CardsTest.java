package org.spinecds.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.MissingInput;
import org.spinecds.RuleRef;
import org.spinecds.Severity;
import org.spinecds.Source;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;

/**
 * The cards of each verdict, the inputs card of an insufficient-information answer, which findings
 * get a card of their own, and the JSON the client receives. The patients are the candidate of
 * {@code candidate.patient.json} (every input known) with the inputs that matter changed or forgotten.
 */
class CardsTest {

    private static SpineCds engine;

    @BeforeAll
    static void engine() {
        engine = SpineCds.withDefaultRules();
    }

    /** The candidate with some inputs changed; a {@code null} value forgets the input. */
    static ObjectNode patient(Map<String, Object> changes) {
        ObjectNode p;
        try (InputStream in = CardsTest.class.getResourceAsStream("/org/spinecds/cdshooks/candidate.patient.json")) {
            p = (ObjectNode) Jackson.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        changes.forEach((name, value) -> {
            if (value == null) {
                p.remove(name);
            } else {
                p.set(name, Jackson.MAPPER.valueToTree(value));
            }
        });
        return p;
    }

    private static Assessment assess(Map<String, Object> changes) {
        return engine.assess(PatientJson.fromTree(patient(changes)));
    }

    /** Changes given as name, value pairs; a value may be null (forget the input). */
    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static List<Card> cards(Assessment a) {
        return new Cards().render(new Cards.CardInput(a, Map.of(), List.of()));
    }

    private static List<Card> cards(Map<String, Object> changes) {
        return cards(assess(changes));
    }

    private static List<Object> findingCards(List<Card> cards) {
        return cards.stream().map(c -> c.extension().get("org.spinecds.finding"))
                .filter(java.util.Objects::nonNull).toList();
    }

    private static Card inputsCard(List<Card> cards) {
        return cards.stream().filter(c -> c.extension().containsKey("org.spinecds.possibleVerdicts")
                && !c.extension().containsKey("org.spinecds.verdict")).findFirst().orElseThrow();
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of(Verdict.URGENT_EVALUATION, with("bladderBowelDysfunction", true), "critical"),
                Arguments.of(Verdict.OUTSIDE_SCOPE, with("age", 15), "info"),
                Arguments.of(Verdict.SURGERY_NOT_INDICATED, with("symptomsPersist", false), "info"),
                Arguments.of(Verdict.CONSERVATIVE_CARE_FIRST, with("conservativeCareWeeks", 3), "info"),
                Arguments.of(Verdict.FURTHER_EVALUATION, with("imagingConcordant", false), "info"),
                Arguments.of(Verdict.OPEN_SURGERY_PREFERRED, with("levels", 3), "info"),
                Arguments.of(Verdict.MINIMALLY_INVASIVE_CANDIDATE, with(), "info"),
                Arguments.of(Verdict.INSUFFICIENT_INFORMATION, with("seriousPathologySuspected", null), "warning"));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void eachVerdictHasAVerdictCardFirstWithItsIndicatorTopicAndChecklist(Verdict verdict, Map<String, Object> changes,
                                                                          String indicator) {
        Assessment a = assess(changes);
        List<Card> cards = cards(a);

        assertThat(a.verdict()).isEqualTo(verdict);
        Card card = cards.get(0);
        assertThat(card.extension()).containsEntry("org.spinecds.verdict", verdict.name())
                .containsEntry("org.spinecds.possibleVerdicts", a.possibleVerdicts().stream().map(Verdict::name).toList());
        assertThat(card.indicator()).isEqualTo(indicator);
        assertThat(card.summary()).startsWith(verdict.title()).hasSizeLessThan(140);
        assertThat(card.source().topic()).isEqualTo(new Card.Coding(Cards.VERDICT_TOPIC_SYSTEM, verdict.name(),
                verdict.title()));
        assertThat(card.detail()).startsWith("**" + verdict.title() + "** (`" + verdict.name() + "`)")
                .contains("**Candidacy checklist**", "| CAND-1: ", "| CAND-8: ", "it does not make it.");
        assertThat(cards).allSatisfy(c -> {
            assertThat(c.summary().codePointCount(0, c.summary().length())).isLessThan(140);
            assertThat(c.source().topic()).isNotNull();
        });
        assertThat(cards).extracting(Card::uuid).doesNotHaveDuplicates();
    }

    @Test
    void aCandidateGetsOneInformationCardWithTheChecklist() {
        List<Card> cards = cards(with());

        assertThat(cards).hasSize(1);
        Card verdict = cards.get(0);
        assertThat(verdict.summary()).isEqualTo("Candidate for minimally invasive spine surgery: all 8 candidacy "
                + "criteria met");
        assertThat(verdict.detail()).contains("every candidacy criterion is MET", "| CAND-8: ", "| MET |",
                "`conservativeCareWeeks` = 12 weeks (`>=` 6 weeks (`minConservativeCareWeeks`))",
                "**Also in this assessment**", "(`PROC-GENERAL`)", "(`SET-SAME-DAY`)")
                .doesNotContain("NOT_MET", "UNKNOWN", "decided by:");
        assertThat(verdict.overrideReasons()).extracting(Card.Coding::code).contains("data-incorrect");
        assertThat(verdict.extension()).containsEntry("org.spinecds.possibleVerdicts",
                List.of("MINIMALLY_INVASIVE_CANDIDATE"));
    }

    @Test
    void urgentEvaluationIsCriticalAndStatesEachRedFlagActionOnceWithoutRepeatingThemInCardsOfTheirOwn() {
        Assessment a = assess(with("bladderBowelDysfunction", true, "saddleAnaesthesia", true));
        List<Card> cards = new Cards().render(new Cards.CardInput(a,
                Map.of(Input.BLADDER_BOWEL_DYSFUNCTION, List.of("Observation/red-flags-1")), List.of()));

        Card verdict = cards.get(0);
        assertThat(verdict.indicator()).isEqualTo("critical");
        assertThat(verdict.summary()).isEqualTo("Urgent evaluation: Red flag: bladder or bowel dysfunction, possible "
                + "cauda equina syndrome (and 1 more)");
        assertThat(verdict.detail()).contains("`URG-BLADDER-BOWEL`, URG-1", "`URG-SADDLE-ANAESTHESIA`, URG-1",
                "  - `bladderBowelDysfunction` = true", "From the record: `bladderBowelDysfunction` from "
                        + "Observation/red-flags-1", "- RED-FLAGS: NICE guideline NG59");
        String action = a.decidedBy().get(0).action();
        assertThat(action).isNotBlank().isEqualTo(a.decidedBy().get(1).action());
        assertThat(verdict.detail().split(java.util.regex.Pattern.quote(Cards.md(action)), -1)).hasSize(2);
        assertThat(verdict.source().url()).isEqualTo("https://www.nice.org.uk/guidance/ng59");
        assertThat(findingCards(cards)).doesNotContain("URG-BLADDER-BOWEL", "URG-SADDLE-ANAESTHESIA");
    }

    @Test
    void findingsThatAHigherVerdictOutrankedKeepTheirCards() {
        List<Card> cards = cards(with("bladderBowelDysfunction", true, "age", 15, "levels", 3));

        assertThat(cards.get(0).extension()).containsEntry("org.spinecds.verdict", "URGENT_EVALUATION");
        assertThat(cards.get(0).detail()).contains("**Outranked:** Outside the scope of these criteria");
        Card child = card(cards, "SCOPE-CHILD");
        assertThat(child.indicator()).isEqualTo("warning");
        assertThat(child.source().topic().code()).isEqualTo("scope");
        assertThat(child.detail()).contains("**Action:** Refer to a paediatric spine service",
                "Rule `SCOPE-CHILD` (criterion SCOPE-1, scope, warning) in `scope.drl`");
        assertThat(card(cards, "OPEN-MULTILEVEL").indicator()).isEqualTo("warning");
    }

    private static Card card(List<Card> cards, String finding) {
        return cards.stream().filter(c -> finding.equals(c.extension().get("org.spinecds.finding"))).findFirst()
                .orElseThrow(() -> new AssertionError("no card for " + finding));
    }

    @Test
    void outsideScopeIsInformationWithItsReferralAndTheCriticalAsaCardBesideIt() {
        List<Card> child = cards(with("age", 15));
        List<Card> asa = cards(with("asaClass", 5));

        assertThat(child.get(0).summary()).isEqualTo("Outside the scope of these criteria: age 15, under 18");
        assertThat(child.get(0).indicator()).isEqualTo("info");
        assertThat(child.get(0).detail()).contains("**Action:** Refer to a paediatric spine service");
        assertThat(findingCards(child)).isEmpty();
        assertThat(asa.get(0).indicator()).isEqualTo("info");
        assertThat(findingCards(asa)).containsExactly("RISK-ASA-CRITICAL");
        assertThat(card(asa, "RISK-ASA-CRITICAL").indicator()).isEqualTo("critical");
    }

    @Test
    void aCriticalRiskBesideACandidateVerdictHasACriticalCard() {
        List<Card> cards = cards(with("asaClass", 4));

        assertThat(cards.get(0).extension()).containsEntry("org.spinecds.verdict", "MINIMALLY_INVASIVE_CANDIDATE");
        Card asa = card(cards, "RISK-ASA-CRITICAL");
        assertThat(asa.indicator()).isEqualTo("critical");
        assertThat(asa.source().topic().code()).isEqualTo("patient-risk");
        assertThat(asa.detail()).contains("| `asaClass` | 4 ASA class |");
    }

    @Test
    void conservativeCareFirstCarriesItsSafetyNettingAction() {
        List<Card> cards = cards(with("conservativeCareWeeks", 3));

        assertThat(cards.get(0).summary()).isEqualTo("Conservative care first: Conservative care for 3 weeks, under "
                + "the 6-week minimum");
        assertThat(cards.get(0).detail()).contains("**Action:** Continue conservative care", "come back at once",
                "| CAND-3: ", "| NOT_MET |");
    }

    @Test
    void furtherEvaluationNamesTheWarningThatExploratorySurgeryIsNotAPlan() {
        List<Card> cards = cards(with("imagingConcordant", false));

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).summary()).isEqualTo("Further evaluation first: Imaging does not pinpoint the cause");
        assertThat(cards.get(0).detail()).contains("**Action:** Complete the work-up", "**Beside the checklist:**",
                "(`OPEN-NOT-PINPOINTED`, OPEN-7)");
    }

    @Test
    void openSurgeryPreferredStatesItsOpenSurgeryFindingsInTheVerdictCard() {
        List<Card> cards = new Cards().render(new Cards.CardInput(assess(with("levels", 3)),
                Map.of(Input.LEVELS, List.of("ServiceRequest/sr-1")), List.of()));

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).summary()).isEqualTo("Open surgery preferred: 3 motion segments to treat: beyond what "
                + "is practical minimally invasively");
        assertThat(cards.get(0).detail()).contains("(`OPEN-MULTILEVEL`, OPEN-5)",
                "`levels` = 3 motion segments (`>=` 3 motion segments (`openPreferredLevels`))",
                "From the record: `levels` from ServiceRequest/sr-1", "| CAND-8: ", "| NOT_MET |");
    }

    @Test
    void onOrderSelectAVerdictAgainstTheOrderedProcedureIsAWarning() {
        for (Map<String, Object> changes : List.of(with("age", 15), with("symptomsPersist", false),
                with("conservativeCareWeeks", 3), with("imagingConcordant", false))) {
            Assessment a = assess(changes);
            Card ordering = new Cards().render(new Cards.CardInput(a, Map.of(), List.of(), true)).get(0);
            assertThat(ordering.indicator()).as(a.verdict().name()).isEqualTo("warning");
            assertThat(cards(a).get(0).indicator()).as(a.verdict().name()).isEqualTo("info");
        }
        for (Map<String, Object> changes : List.of(with(), with("levels", 3))) {
            Assessment a = assess(changes);
            Card ordering = new Cards().render(new Cards.CardInput(a, Map.of(), List.of(), true)).get(0);
            assertThat(ordering.indicator()).as(a.verdict().name()).isEqualTo("info");
        }
        assertThat(Cards.indicator(Verdict.URGENT_EVALUATION, true)).isEqualTo(Severity.CRITICAL);
        assertThat(Cards.indicator(Verdict.INSUFFICIENT_INFORMATION, true)).isEqualTo(Severity.WARNING);
    }

    @Test
    void insufficientInformationListsTheInputsInVerdictOrderRedFlagScreenFirst() {
        Assessment a = assess(with("bladderBowelDysfunction", null, "seriousPathologySuspected", null,
                "asaClass", null, "imagingDone", null, "imagingConcordant", null, "levels", null, "bmi", null,
                "smokingStatus", null));
        List<Card> cards = new Cards().render(new Cards.CardInput(a, Map.of(), List.of("procedures")));

        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_INFORMATION);
        assertThat(a.toSettle()).extracting(MissingInput::input).startsWith("bladderBowelDysfunction",
                "seriousPathologySuspected", "asaClass").contains("imagingDone", "levels");
        assertThat(a.inputsToComplete()).extracting(MissingInput::input).contains("bmi", "smokingStatus");
        assertThat(cards.get(0).indicator()).isEqualTo("warning");
        assertThat(cards.get(0).detail()).contains("Still possible, in verdict order: Urgent evaluation "
                + "(`URGENT_EVALUATION`)", "Not yet settled:", "(`URG-SCREEN-INCOMPLETE`, URG-S)");

        Card inputs = cards.get(1);
        assertThat(inputs).isSameAs(inputsCard(cards));
        assertThat(inputs.indicator()).isEqualTo("warning");
        assertThat(inputs.source().topic().code()).isEqualTo("red-flag");
        assertThat(inputs.summary()).startsWith("Collect " + a.toSettle().size() + " inputs, red-flag screen first: "
                + "bladderBowelDysfunction, seriousPathologySuspected, asaClass");
        String detail = inputs.detail();
        assertThat(detail).contains("Still possible: " + a.possibleVerdicts().stream()
                .map(v -> v.title() + " (`" + v.name() + "`)").collect(java.util.stream.Collectors.joining(", ")));
        // one row per input to settle, in the assessment's order, each naming the verdict and criteria it settles
        List<Integer> rows = new ArrayList<>();
        int n = 0;
        for (MissingInput m : a.toSettle()) {
            String row = "| " + ++n + " | `" + m.input() + "` | ";
            assertThat(detail).contains(row);
            assertThat(detail.substring(detail.indexOf(row)).lines().findFirst().orElseThrow())
                    .endsWith("| " + m.verdict().title() + " (" + String.join(", ", m.criteria()) + ") |");
            rows.add(detail.indexOf(row));
        }
        assertThat(rows).isSorted();
        assertThat(a.toSettle()).extracting(m -> m.verdict().rank()).isSorted();
        assertThat(detail).contains("| 1 | `bladderBowelDysfunction` | New bladder or bowel dysfunction | Urgent "
                + "evaluation (URG-1) |");
        // the red-flag screen's own finding is the first thing the card asks for, not a card of its own
        assertThat(detail).contains("**What the unsettled checks ask:**\n\n- Ask about each unknown red flag");
        assertThat(findingCards(cards)).doesNotContain("URG-SCREEN-INCOMPLETE", "SCOPE-UNKNOWN");
        // the other unknown inputs come after, apart and on one line
        int also = detail.indexOf("**Also unknown**, not needed for the verdict");
        assertThat(also).isGreaterThan(rows.get(rows.size() - 1));
        String alsoLine = detail.substring(also).lines().findFirst().orElseThrow();
        assertThat(alsoLine).contains("`bmi` (RISK-2, SET-1)", "`smokingStatus` (RISK-1)")
                .doesNotContain("`levels`", "`asaClass`");
        assertThat(detail.indexOf("The EHR did not send these prefetch data: `procedures`")).isGreaterThan(also);

        assertThat(inputs.extension()).containsEntry("org.spinecds.missingInputs", a.missingInputs())
                .containsEntry("org.spinecds.prefetchNotSent", List.of("procedures"))
                .containsEntry("org.spinecds.possibleVerdicts", a.possibleVerdicts().stream().map(Verdict::name).toList());
        assertThat((List<?>) inputs.extension().get("org.spinecds.toSettle")).first()
                .isEqualTo(Map.of("input", "bladderBowelDysfunction", "verdict", "URGENT_EVALUATION",
                        "criteria", List.of("URG-1")));
    }

    @Test
    void whenOnlyTheRedFlagScreenIsOpenTheCardsSayWhichTwoVerdictsItDecidesBetween() {
        List<Card> cards = cards(with("seriousPathologySuspected", null));

        assertThat(cards.get(0).summary()).isEqualTo("Insufficient information: Urgent evaluation or Candidate for "
                + "minimally invasive spine surgery still possible");
        assertThat(cards.get(1).summary()).isEqualTo("Complete the red-flag screen: record seriousPathologySuspected");
        assertThat(cards.get(1).detail()).contains("| 1 | `seriousPathologySuspected` |", "Urgent evaluation (URG-2) |")
                .doesNotContain("**Also unknown**");
        assertThat(cards).hasSize(2);
    }

    @Test
    void withTheRedFlagScreenCompleteTheInputsStartBelowIt() {
        List<Card> cards = cards(with("asaClass", null, "imagingDone", null, "imagingConcordant", null));

        assertThat(cards.get(0).detail()).contains("would settle them.\n").doesNotContain("red-flag screen first");
        Card inputs = cards.get(1);
        assertThat(inputs.summary()).startsWith("Collect 3 inputs to settle the verdict: asaClass, imagingDone");
        assertThat(inputs.source().topic().code()).isEqualTo("scope");
        assertThat(inputs.detail()).contains("Record them in this order, the verdict order; each settles")
                .contains("| 1 | `asaClass` | ASA physical status class | Outside the scope of these criteria (SCOPE-3) |")
                .doesNotContain("red-flag");
    }

    @Test
    void manyPossibleVerdictsAreSummarisedByTheirCountAndEnds() {
        List<Card> cards = cards(with("seriousPathologySuspected", null, "asaClass", null, "imagingDone", null,
                "imagingConcordant", null, "levels", null));

        assertThat(cards.get(0).summary()).matches("Insufficient information: \\d verdicts still possible, from "
                + "Urgent evaluation to Candidate for minimally invasive spine surgery");
    }

    @Test
    void aDefinitiveVerdictWithUnknownRiskInputsGetsAnInformationCardThatTheVerdictHoldsWhateverTheyAre() {
        Assessment a = assess(with("bmi", null, "smokingStatus", null));
        List<Card> cards = cards(a);

        assertThat(a.verdict()).isEqualTo(Verdict.MINIMALLY_INVASIVE_CANDIDATE);
        Card inputs = cards.get(1);
        assertThat(inputs.indicator()).isEqualTo("info");
        assertThat(inputs.summary()).isEqualTo("Record 2 inputs to complete the findings (the verdict holds whatever "
                + "they are): bmi, smokingStatus");
        assertThat(inputs.detail()).startsWith("The verdict holds whatever these inputs turn out to be")
                .contains("`bmi` (RISK-2, SET-1)").doesNotContain("| # |");
        assertThat(inputs.extension()).doesNotContainKeys("org.spinecds.toSettle", "org.spinecds.missingInputs")
                .containsKey("org.spinecds.inputsToComplete");
    }

    @Test
    void aFindingThatWaitsOnAnInputIsALineOfTheOneInputsCardNotACardOfItsOwn() {
        Assessment a = assess(with("surgeonMissProcedures", null));
        List<Card> cards = cards(a);

        assertThat(a.inputsToComplete()).extracting(MissingInput::input).containsExactly("surgeonMissProcedures");
        assertThat(cards).hasSize(2);
        assertThat(findingCards(cards)).isEmpty();
        Card inputs = cards.get(1);
        assertThat(inputs.summary()).isEqualTo("Record what RISK-SURGEON-VOLUME-UNKNOWN waits on: surgeonMissProcedures");
        assertThat(inputs.detail()).contains("**Findings that wait on an input:**", "(`RISK-SURGEON-VOLUME-UNKNOWN`, "
                + "RISK-9, warning): Ask how many");
        assertThat(inputs.extension().get("org.spinecds.findingsWaiting")).isEqualTo(
                List.of("RISK-SURGEON-VOLUME-UNKNOWN"));

        List<Card> withBmi = cards(with("surgeonMissProcedures", null, "bmi", null));
        assertThat(withBmi).hasSize(2);
        assertThat(withBmi.get(1).summary()).endsWith("whatever they are): bmi");
        assertThat(withBmi.get(1).detail()).doesNotContain("`surgeonMissProcedures`")
                .contains("RISK-SURGEON-VOLUME-UNKNOWN");
        assertThat((List<?>) withBmi.get(1).extension().get("org.spinecds.inputsToComplete")).hasSize(1);
    }

    @Test
    void prefetchDataNotSentAloneGetTheirCard() {
        List<Card> cards = new Cards().render(new Cards.CardInput(assess(with()), Map.of(), List.of("procedures")));

        assertThat(cards).hasSize(2);
        assertThat(cards.get(1).summary()).isEqualTo("Prefetch data not sent: procedures");
        assertThat(cards.get(1).indicator()).isEqualTo("info");
        assertThat(cards.get(1).detail()).contains("it is never read as \"no\"");
    }

    @Test
    void significantFindingsAreWarningsAndCriticalsThatNoOtherCardStates() {
        List<Map<String, Object>> patients = List.of(with(), with("bladderBowelDysfunction", true, "levels", 3),
                with("age", 15, "smokingStatus", "CURRENT"), with("asaClass", 4, "onBloodThinners", true),
                with("levels", 2, "age", 80), with("seriousPathologySuspected", null, "levels", 3),
                with("asaClass", null, "surgeonMissProcedures", null), with("imagingConcordant", false));
        for (Map<String, Object> changes : patients) {
            Assessment a = assess(changes);
            List<Card> cards = cards(a);
            List<Finding> own = a.findings().stream().distinct()
                    .filter(f -> f.severity() != Severity.INFO && f.category() != Category.CANDIDACY)
                    .filter(f -> !a.decidedBy().contains(f)).toList();
            List<Finding> waiting = own.stream().filter(f -> f.evidence().stream().anyMatch(e -> e.value() == null))
                    .toList();
            boolean inputsCard = !a.toSettle().isEmpty() || !a.inputsToComplete().isEmpty() || !waiting.isEmpty();
            List<String> expected = own.stream().filter(f -> !waiting.contains(f))
                    .filter(f -> !(inputsCard && List.of("URG-S", "SCOPE-U").contains(f.criterion())))
                    .map(Finding::code).toList();
            assertThat(findingCards(cards)).as(changes.toString()).containsExactlyElementsOf(expected);
            assertThat(cards).as(changes.toString()).hasSize(1 + (inputsCard ? 1 : 0) + expected.size());
        }
        List<Card> outranked = cards(with("seriousPathologySuspected", null, "levels", 3));
        assertThat(findingCards(outranked)).contains("OPEN-MULTILEVEL");
        assertThat(card(cards(with("asaClass", 4, "onBloodThinners", true)), "RISK-BLOOD-THINNERS").indicator())
                .isEqualTo("warning");
    }

    @Test
    void theRecordTheEvidenceCameFromIsNamed() {
        List<Card> cards = new Cards().render(new Cards.CardInput(assess(with("smokingStatus", "CURRENT")),
                Map.of(Input.SMOKING_STATUS, List.of("Observation/smoking-1")), List.of()));

        assertThat(card(cards, "RISK-SMOKER").detail()).contains("**From the record:** `smokingStatus` from "
                + "Observation/smoking-1");
    }

    @Test
    void theCardsAreValidCdsHooksJsonWithoutNullOrEmptyValues() throws Exception {
        Assessment a = assess(with("bladderBowelDysfunction", null, "asaClass", null, "levels", null, "bmi", null,
                "smokingStatus", "CURRENT"));
        List<Card> cards = new Cards().render(new Cards.CardInput(a, Map.of(), List.of("procedures")));

        JsonNode json = Jackson.MAPPER.readTree(Jackson.MAPPER.writeValueAsString(Map.of("cards", cards)));

        assertThat(json.get("cards")).hasSize(cards.size());
        for (JsonNode card : json.get("cards")) {
            assertThat(card.fieldNames()).toIterable().isSubsetOf("uuid", "summary", "detail", "indicator", "source",
                    "links", "overrideReasons", "extension");
            assertThat(card.get("uuid").asText()).matches("[0-9a-f-]{36}");
            assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.get("source").get("label").asText()).isNotBlank();
            assertThat(card.get("source").get("topic").fieldNames()).toIterable()
                    .containsExactly("system", "code", "display");
            assertThat(card.get("overrideReasons")).hasSize(4);
            noNullOrEmpty(card, "card");
        }
        JsonNode verdict = json.get("cards").get(0).get("extension");
        assertThat(verdict.get("org.spinecds.verdict").asText()).isEqualTo("INSUFFICIENT_INFORMATION");
        assertThat(verdict.get("org.spinecds.possibleVerdicts").get(0).asText()).isEqualTo("URGENT_EVALUATION");
        assertThat(verdict.get("org.spinecds.ruleBase").fieldNames()).toIterable()
                .containsExactly("name", "version", "sha256", "generation");
        JsonNode inputs = json.get("cards").get(1).get("extension");
        assertThat(inputs.get("org.spinecds.toSettle")).hasSize(a.toSettle().size()).allSatisfy(m -> {
            assertThat(m.fieldNames()).toIterable().containsExactly("input", "verdict", "criteria");
            assertThat(Verdict.valueOf(m.get("verdict").asText()).isRanked()).isTrue();
        });
        assertThat(inputs.get("org.spinecds.inputsToComplete")).hasSize(a.inputsToComplete().size())
                .allSatisfy(m -> assertThat(m.fieldNames()).toIterable().containsExactly("input", "criteria"));
        assertThat(inputs.get("org.spinecds.missingInputs").get(0).asText()).isEqualTo("bladderBowelDysfunction");
    }

    private static void noNullOrEmpty(JsonNode node, String at) {
        assertThat(node.isNull()).as(at + " is null").isFalse();
        if (node.isContainerNode() || node.isTextual()) {
            assertThat(node.isTextual() ? node.asText() : node.toString()).as(at + " is empty")
                    .isNotIn("", "[]", "{}");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noNullOrEmpty(node.get(i), at + "[" + i + "]");
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> noNullOrEmpty(e.getValue(), at + "." + e.getKey()));
        }
    }

    @Test
    void theSameAssessmentGivesTheSameCards() {
        Assessment a = assess(with("seriousPathologySuspected", null, "bmi", null, "levels", 3));
        AtomicLong first = new AtomicLong();
        AtomicLong second = new AtomicLong();

        List<Card> one = new Cards(() -> new UUID(0, first.incrementAndGet())).render(new Cards.CardInput(a,
                Map.of(Input.LEVELS, List.of("ServiceRequest/1")), List.of("procedures")));
        List<Card> two = new Cards(() -> new UUID(0, second.incrementAndGet())).render(new Cards.CardInput(a,
                Map.of(Input.LEVELS, List.of("ServiceRequest/1")), List.of("procedures")));

        assertThat(one).isEqualTo(two);
    }

    @Test
    void aRepeatedVerdictLabelIsLeftOutOfTheSummaryOnlyWhenItRepeatsTheTitle() {
        assertThat(Cards.withoutRepeatedLabel("Outside the scope of these criteria", "Outside scope: age 15, under 18"))
                .isEqualTo("age 15, under 18");
        assertThat(Cards.withoutRepeatedLabel("Urgent evaluation", "Red flag: saddle anaesthesia"))
                .isEqualTo("Red flag: saddle anaesthesia");
        assertThat(Cards.withoutRepeatedLabel("Further evaluation first", "No imaging yet: the evaluation is incomplete"))
                .isEqualTo("No imaging yet: the evaluation is incomplete");
    }

    @Test
    void summariesAreShortenedUnder140CharactersAndTextIsEscaped() {
        Assessment a = assess(with());
        Finding longOne = new Finding("SITE-LONG", "SITE-1", Category.PATIENT_RISK, Severity.WARNING,
                "A site rule whose summary goes on and on ".repeat(8), "Value | <script>alert(1)</script> *bold*",
                List.of(new Evidence("bmi", 31.25, "kg/m2", ">=", 30.0, "obesityBmi")),
                List.of(new Source("X1", "A citation", "https://example.org/x1"),
                        new Source("X2", "Another citation", "https://example.org/x2")),
                new RuleRef("Long", "site.drl"), null);
        Assessment withLong = new Assessment(a.verdict(), a.decidedBy(), a.overridden(), a.possibleVerdicts(),
                a.criteria(), List.of(longOne), a.missingInputs(), a.toSettle(), a.inputsToComplete(),
                a.knowledgeBase(), Instant.now(), null);

        Card card = new Cards().render(new Cards.CardInput(withLong, Map.of(), List.of())).get(1);

        assertThat(card.summary().codePointCount(0, card.summary().length())).isLessThan(140);
        assertThat(card.summary()).endsWith("…").startsWith("A site rule whose summary goes on and on A site");
        assertThat(card.detail()).startsWith("Value \\| \\<script\\>alert(1)\\</script\\> \\*bold\\*")
                .contains("| `bmi` | 31.25 kg/m2 | `>=` | 30 kg/m2 (`obesityBmi`) |");
        assertThat(card.links()).containsExactly(new Card.Link("Another citation", "https://example.org/x2", "absolute"));
        assertThat(Cards.summary("x".repeat(200))).hasSize(139);
        assertThat(Cards.summary("word, ".repeat(40))).endsWith("word…");
    }

    @Test
    void aCardRefusesASummaryOf140CharactersOrAnUnknownIndicator() {
        Card.Source source = new Card.Source("s", null, null);
        assertThatThrownBy(() -> new Card("u", "x".repeat(140), null, "info", source, List.of(), List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 140");
        assertThatThrownBy(() -> new Card("u", "ok", null, "hint", source, List.of(), List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hint");
    }
}
