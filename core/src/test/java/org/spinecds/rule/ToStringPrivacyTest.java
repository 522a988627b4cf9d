package org.spinecds.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.spinecds.Assessment;
import org.spinecds.Category;
import org.spinecds.CriterionResult;
import org.spinecds.CriterionStatus;
import org.spinecds.Evidence;
import org.spinecds.Finding;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.MissingInput;
import org.spinecds.OverriddenVerdict;
import org.spinecds.RuleRef;
import org.spinecds.Severity;
import org.spinecds.Source;
import org.spinecds.SpineCds;
import org.spinecds.Verdict;
import org.spinecds.patient.Patient;

/**
 * The privacy promise covers {@code toString} too: hosts and libraries log objects whole. Every type of
 * core that can carry patient data is built with distinctive values, none of which its
 * {@code toString} may print; and every record or class of core with a {@code toString} of its own
 * must be one of them or be listed as carrying no patient data, so a new type is not forgotten.
 */
class ToStringPrivacyTest {

    private static final String ID = "SENTINEL-ID-7731";
    private static final int VALUE = 987654;
    private static final String TEXT = "SENTINEL-TEXT-5519";
    private static final double BMI = 58.37;
    private static final List<String> SENTINELS = List.of(ID, String.valueOf(VALUE), TEXT, "58.37");

    /** Types that hold no patient value: rule-base descriptions, load problems, lint warnings. */
    private static final Set<String> NO_PATIENT_DATA = Set.of(
            "org.spinecds.KnowledgeBaseInfo", "org.spinecds.KnowledgeBaseInfo$RuleSetInfo",
            "org.spinecds.KnowledgeBaseInfo$Replacement", "org.spinecds.KnowledgeBaseInfo$ThresholdOverride",
            "org.spinecds.RuleInfo", "org.spinecds.RuleRef", "org.spinecds.Source",
            "org.spinecds.RuleLoadException$Problem", "org.spinecds.RuleLint$Warning",
            "org.spinecds.internal.Catalogues$Criterion", "org.spinecds.internal.RuleMeta",
            "org.spinecds.internal.LoadedRules", "org.spinecds.internal.KnowledgeBaseLoader$ThresholdFile",
            "org.spinecds.internal.KnowledgeBaseLoader$Compiled", "org.spinecds.internal.KnowledgeBaseLoader$Loaded",
            "org.spinecds.internal.KnowledgeBaseLoader$SiteChanges", "org.spinecds.internal.DrlLint$Check",
            "org.spinecds.internal.PrebuiltRules$Prebuilt",
            "org.spinecds.rule.Threshold", "org.spinecds.patient.Input",
            // the rule-set files as read, and the schema check of such files
            "org.spinecds.internal.Catalogues$ThresholdEntry", "org.spinecds.internal.Catalogues$OverrideFile",
            "org.spinecds.internal.Catalogues$SiteValue", "org.spinecds.internal.RuleSetSource$Manifest",
            "org.spinecds.json.SchemaCheck", "org.spinecds.json.SchemaCheck$Violation",
            // the clinical catalogue (classes and procedures) and the threshold references of the DRL
            "org.spinecds.rule.Catalogue$ProcedureClass", "org.spinecds.rule.Catalogue$SymptomClass",
            "org.spinecds.internal.ClinicalCatalogue$ClassesFile", "org.spinecds.internal.ClinicalCatalogue$SymptomClassEntry",
            "org.spinecds.internal.ClinicalCatalogue$ProcedureEntry", "org.spinecds.internal.ThresholdReferences$Code",
            "org.spinecds.internal.ThresholdReferences$Reference");
    /** Types that hold patient data only through other types tested here (their toString prints those). */
    private static final Set<String> BY_THEIR_PARTS = Set.of("org.spinecds.internal.Assessor$Walk");

    private static Evidence evidence() {
        return new Evidence("bmi", VALUE, "kg/m2", ">=", VALUE + 1, null);
    }

    private static Finding finding() {
        return new Finding("RISK-X", "RISK-2", Category.PATIENT_RISK, Severity.WARNING, TEXT + " " + VALUE,
                "The value is " + VALUE + " (" + ID + ")", List.of(evidence()), List.of(new Source("S001", "c", null)),
                new RuleRef("A rule", "a.drl"), TEXT);
    }

    private static FindingFact findingFact() {
        FindingFact f = new FindingFact(null, "CAND-3-X", "CAND-3", Category.CANDIDACY, Severity.INFO)
                .summary(TEXT).detail("%d weeks for %s", VALUE, ID).evidence(evidence()).action(TEXT).met();
        return f;
    }

    private static Assessment assessment() {
        KnowledgeBaseInfo kb = new KnowledgeBaseInfo("kb", "1", "0".repeat(64), 1, 1, List.of(), List.of(), List.of(),
                List.of(), false);
        CriterionResult criterion = new CriterionResult("CAND-3", "title", CriterionStatus.MET, List.of(evidence()),
                List.of(), List.of("CAND-3-X"));
        return new Assessment(Verdict.MINIMALLY_INVASIVE_CANDIDATE, List.of(finding()),
                List.of(new OverriddenVerdict(Verdict.OPEN_SURGERY_PREFERRED, List.of("OPEN-1"), TEXT)),
                List.of(Verdict.MINIMALLY_INVASIVE_CANDIDATE), List.of(criterion), List.of(finding()), List.of("bmi"),
                List.of(new MissingInput("bmi", Verdict.OUTSIDE_SCOPE, List.of("SCOPE-1"))), List.of(), kb,
                Instant.EPOCH, ID);
    }

    /** One instance of each type that carries patient data, each holding the sentinels. */
    private static List<Object> carriers() throws Exception {
        Patient patient = Patient.builder().patientId(ID).bmi(BMI)
                .members(org.spinecds.patient.Input.COMORBIDITIES, List.of("DIABETES"), List.of("OSTEOPOROSIS")).build();
        Assessment a = assessment();
        FindingFact fact = findingFact();
        return List.of(
                evidence(),
                finding(),
                a.criteria().get(0),
                a,
                a.overridden().get(0),
                new MissingInput("bmi", null, List.of("RISK-2")),
                new SpineCds.Trace(a, Set.of("RISK-X")),
                patient,
                patient.partialInputs().values().iterator().next(),
                fact,
                new CriterionCheck("URG-1", CriterionCheck.Outcome.RULED_OUT, List.of(evidence()), List.of("bmi")),
                new PictureGap("RISK-2", List.of("bmi")),
                RuleKit.holds(Verdict.MINIMALLY_INVASIVE_CANDIDATE, List.of(fact)),
                new Decision(Verdict.MINIMALLY_INVASIVE_CANDIDATE),
                new PossibleVerdict(Verdict.MINIMALLY_INVASIVE_CANDIDATE));
    }

    @Test
    void noToStringPrintsAPatientValue() throws Exception {
        for (Object o : carriers()) {
            String s = o.toString();
            for (String sentinel : SENTINELS) {
                assertThat(s).as("%s.toString()", o.getClass().getName()).doesNotContain(sentinel);
            }
        }
    }

    @Test
    void theToStringsStillNameCodesAndStatuses() throws Exception {
        assertThat(finding().toString()).contains("RISK-X").contains("RISK-2").contains("1 evidence");
        assertThat(evidence().toString()).contains("bmi").contains(">=");
        assertThat(assessment().toString()).contains("MINIMALLY_INVASIVE_CANDIDATE").contains("RISK-X");
        assertThat(assessment().criteria().get(0).toString()).contains("CAND-3").contains("MET").contains("bmi");
        assertThat(findingFact().toString()).contains("CAND-3-X");
    }

    /** Every record, and every class with a toString of its own, is tested above or known to hold no patient data. */
    @Test
    void everyTypeWithAToStringIsCovered() throws Exception {
        Path classes = Path.of(Finding.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> tested = new TreeSet<>();
        for (Object o : carriers()) {
            tested.add(o.getClass().getName());
        }
        List<String> uncovered = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info") || name.equals("module-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (c.isEnum() || c.isInterface() || c.isAnonymousClass() || Modifier.isAbstract(c.getModifiers())) {
                    continue;
                }
                if (c.isRecord() || declaresToString(c)) {
                    scanned.add(name);
                }
                if ((c.isRecord() || declaresToString(c)) && !tested.contains(name) && !NO_PATIENT_DATA.contains(name)
                        && !BY_THEIR_PARTS.contains(name)) {
                    uncovered.add(name);
                }
            }
        }
        assertThat(scanned).contains(Finding.class.getName(), Patient.class.getName(), FindingFact.class.getName());
        assertThat(uncovered).as("types whose toString no test checks for patient values").isEmpty();
    }

    private static boolean declaresToString(Class<?> c) {
        try {
            c.getDeclaredMethod("toString");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
