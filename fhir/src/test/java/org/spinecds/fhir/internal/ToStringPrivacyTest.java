package org.spinecds.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * The FHIR mapping's types that hold a patient's values, resource ids or dates print none of them in
 * {@code toString}: each is built with distinctive values, and every record of the module is one of
 * them or holds no patient data.
 */
class ToStringPrivacyTest {

    private static final String REF = "Observation/SENTINEL-REF-7731";
    private static final String ID = "SENTINEL-ID-7731";
    private static final double BMI = 58.37;
    private static final LocalDate DAY = LocalDate.of(1961, 7, 13);
    private static final List<String> SENTINELS = List.of(REF, "SENTINEL", "58.37", "1961", "HERNIATED_DISC");

    /** Records of the module that hold no patient data: the code lists' entries. */
    private static final Set<Class<?>> NO_PATIENT_DATA = Set.of(CodeList.Entry.class);

    private static Object construct(String nested, Object... args) throws Exception {
        Class<?> type = Class.forName(nested);
        Constructor<?> c = type.getDeclaredConstructors()[0];
        c.setAccessible(true);
        return c.newInstance(args);
    }

    private static List<Object> carriers() throws Exception {
        Patient patient = Patient.builder().patientId(ID).bmi(BMI).build();
        List<Object> all = new ArrayList<>();
        all.add(new MappedPatient(patient, Map.of(Input.BMI, List.of(REF))));
        all.add(new MappedPatient(patient, Map.of(Input.BMI, List.of(REF)),
                Map.of(Input.AGE, List.of("age: " + REF + ": birthDate 1961-07-13 is after today")),
                Map.of(REF, "has no subject")));
        all.add(new Claims.Claim(BMI, REF, Instant.parse("1961-07-13T00:00:00Z"), Claims.Kind.OBSERVED));
        all.add(new Claims.Resolved(BMI, List.of(REF)));
        all.add(new Claims.PartialSet(Set.of(Diagnosis.HERNIATED_DISC), Set.of(Diagnosis.SCOLIOSIS_DEFORMITY)));
        all.add(construct(Claims.class.getName() + "$Requirement", Set.<Enum<?>>of(Diagnosis.HERNIATED_DISC), REF));
        all.add(construct(Claims.class.getName() + "$Undecided", Set.<Enum<?>>of(Diagnosis.HERNIATED_DISC), REF));
        all.add(construct(PatientMapping.class.getName() + "$Span", DAY, DAY.plusDays(3)));
        all.add(construct(PatientMapping.class.getName() + "$Classified",
                List.of(CodeList.defaults().section(CodeList.Section.CONDITIONS).get(0)), true, false));
        return all;
    }

    @Test
    void noToStringPrintsAPatientValueResourceOrDate() throws Exception {
        for (Object o : carriers()) {
            for (String sentinel : SENTINELS) {
                assertThat(o.toString()).as("%s.toString()", o.getClass().getName()).doesNotContain(sentinel);
            }
        }
    }

    /** Every record of the module, found in its classes, is tested above or holds no patient data. */
    @Test
    void everyRecordOfTheModuleIsCovered() throws Exception {
        Path classes = Path.of(MappedPatient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (c.isRecord()) {
                    records.add(c);
                }
            }
        }
        Set<Class<?>> tested = new HashSet<>();
        for (Object o : carriers()) {
            tested.add(o.getClass());
        }
        assertThat(records).contains(MappedPatient.class, Claims.Claim.class);
        assertThat(records).allSatisfy(r -> assertThat(tested.contains(r) || NO_PATIENT_DATA.contains(r))
                .as("%s is tested or holds no patient data", r.getName()).isTrue());
    }
}
