package org.spinecds.rules;

import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.ConservativeTreatment;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Occupation;
import org.spinecds.patient.Patient;
import org.spinecds.patient.Procedure;
import org.spinecds.patient.Region;
import org.spinecds.patient.Sex;
import org.spinecds.patient.SmokingStatus;
import org.spinecds.patient.Symptom;

/** Test patients: start from a known one and vary the inputs a test is about. */
final class Patients {

    private Patients() {
    }

    /**
     * A 52-year-old with a lumbar disc herniation, persisting leg pain, eight weeks of failed
     * physical therapy and medication, a complete and concordant evaluation, an accessible target,
     * good general health and no risk factors: every candidacy input is known and met, every red
     * flag and open-surgery flag is known and absent (no deformity is diagnosed, so the deformity
     * parameters are not recorded), and same-day surgery is possible.
     */
    static Patient.Builder candidate() {
        return Patient.builder()
                // general health and patient risk
                .age(52)
                .sex(Sex.FEMALE)
                .bmi(26.0)
                .asaClass(2)
                .smokingStatus(SmokingStatus.NEVER)
                .clottingDisorderHistory(false)
                .onBloodThinners(false)
                .comorbidities(new Comorbidity[0])
                .anaesthesiaReactionHistory(false)
                .severeSystemicCondition(false)
                // condition (CAND-1)
                .diagnoses(Diagnosis.HERNIATED_DISC)
                .regions(Region.LUMBAR)
                .levels(1)
                // symptoms (CAND-2) and red flags (URG-1)
                .symptoms(Symptom.BACK_PAIN, Symptom.LEG_PAIN)
                .symptomDurationWeeks(12)
                .symptomsPersist(true)
                .bladderBowelDysfunction(false)
                .saddleAnaesthesia(false)
                .progressiveMotorWeakness(false)
                // conservative care (CAND-3)
                .conservativeCare(ConservativeTreatment.PHYSICAL_THERAPY, ConservativeTreatment.MEDICATIONS)
                .conservativeCareWeeks(8)
                .conservativeCareRelieved(false)
                // evaluation (CAND-4, CAND-5)
                .imagingDone(true)
                .physicalExamDone(true)
                .imagingConcordant(true)
                // anatomy (CAND-6, CAND-7, OPEN-2, OPEN-4, OPEN-6)
                .complexSpinalAnatomy(false)
                .priorSurgerySameLevel(false)
                .existingFusionMass(false)
                .targetAccessible(true)
                .difficultVisualisation(false)
                // plan and care context
                .plannedProcedure(Procedure.LUMBAR_DISCECTOMY)
                .surgeonMissProcedures(200)
                .adultCaregiverAtHome(true)
                .occupation(Occupation.DESK_BASED)
                .expectsCompletePainRelief(false);
    }

    /**
     * The candidate, but with an adult spinal deformity as the only diagnosis, its parameters all
     * known and within the minimally invasive limits (SVA 4 cm, PT 20 deg, PI-LL 20 deg, thoracic
     * kyphosis 40 deg, Cobb 15 deg, not rigid).
     */
    static Patient.Builder deformityCandidate() {
        return candidate()
                .diagnoses(Diagnosis.SCOLIOSIS_DEFORMITY)
                .svaCm(4.0)
                .pelvicTiltDeg(20.0)
                .piMinusLlDeg(20.0)
                .thoracicKyphosisDeg(40.0)
                .cobbAngleDeg(15.0)
                .rigidDeformity(false)
                .plannedProcedure(Procedure.LUMBAR_FUSION);
    }
}
