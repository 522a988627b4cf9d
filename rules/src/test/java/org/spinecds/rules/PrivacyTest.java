package org.spinecds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.spinecds.Assessment;
import org.spinecds.AssessmentException;
import org.spinecds.InvalidPatientException;
import org.spinecds.RuleLoadException;
import org.spinecds.SpineCds;
import org.spinecds.json.PatientJson;

/**
 * Nothing patient-identifying or clinical reaches a log: all logging, at every level, is captured
 * during assessments, input errors, rule failures and reloads of a patient with a distinctive
 * identifier and values, and none of them may appear.
 */
class PrivacyTest {

    private static final String ID = "ZQ-PRIVACY-4711";
    private static final List<String> DISTINCTIVE = List.of(ID, "47.3", "13.7", "93.1", "17.9", "Zq-Privacy");

    @TempDir
    Path site;

    @Test
    void noPatientDataIsLoggedAtAnyLevel() throws Exception {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).contains("CapturingLogs");
        CapturingLogs.start();
        String patient = """
                {"patientId": "%s", "age": 88, "bmi": 47.3, "svaCm": 13.7, "thoracicKyphosisDeg": 93.1,
                 "smokingStatus": "CURRENT", "diagnoses": ["SCOLIOSIS_DEFORMITY"], "symptoms": ["LEG_PAIN"],
                 "symptomsPersist": true, "bladderBowelDysfunction": false, "saddleAnaesthesia": false,
                 "progressiveMotorWeakness": false, "seriousPathologySuspected": false, "cancerHistory": true,
                 "lateralListhesisMm": 17.9, "mjoaScore": 12, "plannedProcedure": "LUMBAR_FUSION"}""".formatted(ID);

        // assessments, on a fresh engine so that its loading is captured too
        Files.writeString(site.resolve("site.drl"), """
                package org.spinecds.site;
                import org.spinecds.patient.*;
                rule "Fails on a very old patient"
                    @code("SITE-BOOM") @criterion("RISK-5") @source("S001") @category("derivation")
                when
                    Patient( age == 101 )
                then
                    throw new IllegalStateException("age 101 bmi 47.3 " + "%s");
                end
                """.formatted(ID));
        SpineCds engine = SpineCds.builder().defaultRules().rules(site).build();
        Assessment a = engine.assess(PatientJson.read(patient));
        assertThat(a.patientId()).isEqualTo(ID);
        assertThat(a.toString()).doesNotContain(ID).doesNotContain("47.3");
        engine.trace(PatientJson.read(patient));

        // an input error: the exception names the field and its value, and nothing is logged
        assertThatThrownBy(() -> PatientJson.read(patient.replace("\"age\": 88", "\"age\": 193.1")))
                .isInstanceOf(InvalidPatientException.class).hasMessageNotContaining(ID);

        // a rule that fails: the exception names the rule, not the data; nothing is logged
        assertThatThrownBy(() -> engine.assess(PatientJson.read(patient.replace("\"age\": 88", "\"age\": 101"))))
                .isInstanceOf(AssessmentException.class)
                .hasMessageContaining("Fails on a very old patient").hasMessageNotContaining(ID)
                .hasMessageNotContaining("47.3");

        // reloads, good and broken
        engine.reload();
        Files.writeString(site.resolve("broken.drl"), "package x;\nrule \"B\" when then");
        assertThatThrownBy(engine::reload).isInstanceOf(RuleLoadException.class);

        List<String> logged = CapturingLogs.stop();
        assertThat(logged).as("something was logged, so the capture works").isNotEmpty();
        for (String value : DISTINCTIVE) {
            assertThat(logged).as("log lines containing " + value).noneMatch(l -> l.contains(value));
        }
    }
}
