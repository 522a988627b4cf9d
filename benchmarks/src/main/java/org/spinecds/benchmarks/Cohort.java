package org.spinecds.benchmarks;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.spinecds.InvalidPatientException;
import org.spinecds.batch.SyntheticCohort;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Patient;

/** The benchmarks' patients: the valid lines of a synthetic cohort (seed 1). */
final class Cohort {

    private Cohort() {
    }

    static List<Patient> patients(int count) {
        try {
            StringWriter w = new StringWriter();
            SyntheticCohort.write(w, count + count / 50 + 10, 1);
            List<Patient> patients = new ArrayList<>();
            for (String line : w.toString().split("\n")) {
                try {
                    patients.add(PatientJson.read(line));
                } catch (InvalidPatientException invalid) {
                    // the cohort's deliberately invalid lines
                }
                if (patients.size() == count) {
                    break;
                }
            }
            return patients;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
