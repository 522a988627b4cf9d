/**
 * FHIR R4 for SpineCDS, on HAPI FHIR's R4 structures.
 *
 * <ul>
 *   <li>{@link org.spinecds.fhir.FhirPatientMapper} maps {@code Patient}, {@code Condition},
 *       {@code Observation}, {@code MedicationStatement}/{@code MedicationRequest}, {@code Procedure}
 *       and {@code ServiceRequest} resources to a {@link org.spinecds.patient.Patient}, returning a
 *       {@link org.spinecds.fhir.MappedPatient} that names the resources behind each input. The code
 *       lists live in the bundled {@code org/spinecds/fhir/codes.json}; a site adds its own file
 *       ({@link org.spinecds.fhir.FhirPatientMapper#withCodes(java.nio.file.Path)}), and a malformed
 *       one fails with a {@link org.spinecds.fhir.CodeListException} naming the entry.</li>
 *   <li>{@link org.spinecds.fhir.FhirQuestionnaire} renders the inputs an assessment still needs as an
 *       SDC-style {@code Questionnaire}; a {@code QuestionnaireResponse} to it is read by the mapper as
 *       dated observations of its inputs.</li>
 *   <li>{@link org.spinecds.fhir.FhirJson} holds the one shared HAPI {@code FhirContext} and reads
 *       and writes FHIR JSON.</li>
 * </ul>
 *
 * <p>{@code org.spinecds.fhir.internal} is the implementation; do not depend on it.
 */
package org.spinecds.fhir;
