package org.spinecds.examples;
import org.spinecds.*;
import org.spinecds.patient.*;
// How a host embeds SpineCDS: build the engine once, keep it, assess patients from any thread.
public final class EmbeddingExample {
    public static void main(String[] args) {
        SpineCds engine = SpineCds.withDefaultRules();
        Patient patient = Patient.builder().age(52).bmi(27.5).asaClass(2).diagnoses(Diagnosis.HERNIATED_DISC)
                .regions(Region.LUMBAR).levels(1).plannedProcedure(Procedure.LUMBAR_DISCECTOMY)
                .symptoms(Symptom.BACK_PAIN, Symptom.LEG_PAIN).symptomsPersist(true).bladderBowelDysfunction(false)
                .saddleAnaesthesia(false).progressiveMotorWeakness(false).seriousPathologySuspected(false)
                .conservativeCare(ConservativeTreatment.PHYSICAL_THERAPY).conservativeCareWeeks(10)
                .conservativeCareRelieved(false).imagingDone(true).physicalExamDone(true).imagingConcordant(true)
                .targetAccessible(true).difficultVisualisation(false).complexSpinalAnatomy(false)
                .existingFusionMass(false).severeSystemicCondition(false).build(); // unset: unknown
        Assessment a = engine.assess(patient); // thread-safe
        System.out.println(a.verdict() + ", possible " + a.possibleVerdicts() + ", to collect " + a.missingInputs());
        a.findings().forEach(f -> System.out.println(f.severity() + " " + f.code() + ": " + f.summary()));
    }
}
