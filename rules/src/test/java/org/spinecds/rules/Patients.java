package org.spinecds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Comorbidity;
import org.spinecds.patient.ConservativeTreatment;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
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
     * A 46-year-old man with a lumbar disc herniation and radiculopathy, persisting leg pain and
     * numbness, twelve weeks of failed physical therapy, medication and injections, a complete and
     * concordant evaluation, one motion segment to treat through an accessible corridor, ASA 1 and no
     * risk factor. Every input that the verdict, the risk picture or the setting depends on is known:
     * each red flag and serious-pathology flag is known to be absent, the clinician does not suspect a
     * serious pathology, and the motor strength is normal. No deformity is diagnosed and no fusion is
     * planned, so the deformity parameters do not apply and are not recorded. The verdict is
     * MINIMALLY_INVASIVE_CANDIDATE, with nothing to collect and same-day surgery possible.
     */
    static Patient.Builder candidate() {
        return Patient.builder()
                // general health and patient risk
                .age(46)
                .sex(Sex.MALE)
                .bmi(26.4)
                .asaClass(1)
                .smokingStatus(SmokingStatus.NEVER)
                .clottingDisorderHistory(false)
                .onBloodThinners(false)
                .comorbidities(new Comorbidity[0])
                .anaesthesiaReactionHistory(false)
                .severeSystemicCondition(false)
                // condition (SCOPE-2, CAND-1)
                .diagnoses(Diagnosis.HERNIATED_DISC, Diagnosis.RADICULOPATHY)
                .regions(Region.LUMBAR)
                .levels(1)
                // symptoms (CAND-2)
                .symptoms(Symptom.BACK_PAIN, Symptom.LEG_PAIN, Symptom.NUMBNESS)
                .symptomDurationWeeks(16)
                .symptomsPersist(true)
                .motorStrengthMrc(5)
                // red flags (URG-1) and the serious-pathology screen (URG-2)
                .bladderBowelDysfunction(false)
                .saddleAnaesthesia(false)
                .progressiveMotorWeakness(false)
                .seriousPathologySuspected(false)
                .cancerHistory(false)
                .unexplainedWeightLoss(false)
                .fever(false)
                .intravenousDrugUse(false)
                .recentSignificantTrauma(false)
                .longTermCorticosteroids(false)
                // conservative care (CAND-3)
                .conservativeCare(ConservativeTreatment.PHYSICAL_THERAPY, ConservativeTreatment.MEDICATIONS,
                        ConservativeTreatment.INJECTIONS)
                .conservativeCareWeeks(12)
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
                .surgeonMissProcedures(400)
                .adultCaregiverAtHome(true)
                .occupation(Occupation.DESK_BASED)
                .expectsCompletePainRelief(false);
    }

    /**
     * The candidate, but with a degenerative lumbar scoliosis and stenosis treated by a one-level
     * lumbar fusion: OPEN-1 applies, and its parameters are all known and within the minimally
     * invasive limits (SVA 4 cm, PT 20 deg, PI-LL 8 deg, thoracic kyphosis 40 deg, Cobb 15 deg,
     * lateral listhesis 3 mm, not rigid). Still a minimally invasive candidate.
     */
    static Patient.Builder deformityCandidate() {
        return candidate()
                .diagnoses(Diagnosis.SCOLIOSIS_DEFORMITY, Diagnosis.SPINAL_STENOSIS)
                .svaCm(4.0)
                .pelvicTiltDeg(20.0)
                .piMinusLlDeg(8.0)
                .thoracicKyphosisDeg(40.0)
                .cobbAngleDeg(15.0)
                .lateralListhesisMm(3.0)
                .rigidDeformity(false)
                .plannedProcedure(Procedure.LUMBAR_FUSION);
    }

    /**
     * The candidate, but with a grade 1 lumbar spondylolisthesis treated by a one-level lumbar fusion,
     * its sagittal parameters known and within the limits. Still a minimally invasive candidate.
     */
    static Patient.Builder spondylolisthesisCandidate() {
        return candidate()
                .diagnoses(Diagnosis.SPONDYLOLISTHESIS, Diagnosis.SPINAL_STENOSIS)
                .spondylolisthesisGrade(1)
                .svaCm(3.0)
                .pelvicTiltDeg(18.0)
                .piMinusLlDeg(6.0)
                .thoracicKyphosisDeg(35.0)
                .rigidDeformity(false)
                .plannedProcedure(Procedure.LUMBAR_FUSION);
    }

    /**
     * A cervical candidate: degenerative cervical myelopathy from stenosis, with gait disturbance and
     * loss of hand dexterity, mJOA 13 (moderate), and no conservative care tried, which the moderate
     * myelopathy waives ("relieved: false" is recorded, redundant but allowed); an ACDF is planned. A
     * minimally invasive candidate.
     */
    static Patient.Builder myelopathyCandidate() {
        return candidate()
                .diagnoses(Diagnosis.MYELOPATHY, Diagnosis.SPINAL_STENOSIS)
                .regions(Region.CERVICAL)
                .symptoms(Symptom.NECK_PAIN, Symptom.GAIT_DISTURBANCE, Symptom.HAND_DEXTERITY_LOSS)
                .mjoaScore(13)
                .conservativeCare(new ConservativeTreatment[0])
                .conservativeCareWeeks(0)
                .conservativeCareRelieved(false)
                .plannedProcedure(Procedure.ACDF);
    }

    /**
     * A reproducible varied patient near the fixtures: one of the four fixture candidates of which each
     * input is, with probability {@code change}, made unknown, and with the same probability given a
     * random value in its possible range (with a bias towards the thresholds of the rule base).
     * Contradictory combinations, which validation refuses, are drawn again.
     */
    static Patient varied(Random random, double change) {
        List<Patient.Builder> fixtures = List.of(candidate(), deformityCandidate(), spondylolisthesisCandidate(),
                myelopathyCandidate());
        while (true) {
            Patient.Builder b = fixtures.get(random.nextInt(fixtures.size()));
            for (Input input : Input.values()) {
                double dice = random.nextDouble();
                if (dice < change) {
                    b.set(input, null);
                } else if (dice < 2 * change) {
                    b.set(input, value(input, random));
                }
            }
            try {
                return b.build();
            } catch (InvalidPatientException contradictory) {
                // draw again
            }
        }
    }

    /** {@code count} varied patients from the seed (see {@link #varied}). */
    static List<Patient> varied(long seed, int count, double change) {
        Random random = new Random(seed);
        List<Patient> patients = new ArrayList<>(count);
        while (patients.size() < count) {
            patients.add(varied(random, change));
        }
        return patients;
    }

    private static Object value(Input input, Random random) {
        return switch (input.type()) {
            case BOOLEAN -> random.nextBoolean();
            case INTEGER -> {
                // the thresholds of the rule base lie in the low range of every integer input
                int max = (int) Math.min(input.max(), input.min() + (random.nextBoolean() ? 20 : 100));
                yield (int) input.min() + random.nextInt(max - (int) input.min() + 1);
            }
            case DECIMAL -> {
                double lo = Math.max(input.min(), -10);
                double hi = Math.min(input.max(), random.nextBoolean() ? 70 : 35);
                double v = Math.round((lo + random.nextDouble() * (hi - lo)) * 10) / 10.0;
                yield input == Input.BMI ? Math.max(v, 12) : v;
            }
            case ENUM -> {
                Object[] constants = input.enumType().getEnumConstants();
                yield constants[random.nextInt(constants.length)];
            }
            case ENUM_SET -> {
                List<Object> items = new ArrayList<>();
                for (Object c : input.enumType().getEnumConstants()) {
                    if (random.nextDouble() < 0.25) {
                        items.add(c);
                    }
                }
                yield items;
            }
        };
    }
}
