/**
 * A CDS Hooks 2.0 service for SpineCDS: an EHR calls it with FHIR R4 data and shows its cards to the
 * clinician.
 *
 * <p>The door in is {@link org.spinecds.cdshooks.CdsHooksServer}: give it an engine and a
 * {@link org.spinecds.fhir.FhirPatientMapper}, choose how clients authenticate
 * ({@link org.spinecds.cdshooks.ClientAuthentication}: JWT bearer tokens, as the specification asks)
 * and where card feedback is logged, and start it; {@link org.spinecds.cdshooks.RelevanceGate} says when
 * patient-view answers cards (spinal charts of adults, by default), and
 * {@link org.spinecds.cdshooks.FhirServerAccess} which FHIR servers may be queried, with a call's
 * {@code fhirAuthorization}, for what its prefetch lacks (none, by default). It serves
 * <ul>
 *   <li>{@code GET /cds-services} (or {@code /cds-services/}): discovery of three services,
 *       {@code spinecds-patient-view} ({@code patient-view}), {@code spinecds-order-select}
 *       ({@code order-select}) and {@code spinecds-order-sign} ({@code order-sign}: a spine procedure
 *       being ordered), each with prefetch templates for Patient, Condition, Observation,
 *       MedicationStatement, MedicationRequest, Procedure and ServiceRequest;</li>
 *   <li>{@code POST /cds-services/{id}}: the cards for a hook call: the verdict first; then, when inputs
 *       are unknown or prefetch data were not sent or sent in part, one card of the inputs to collect
 *       (for insufficient information: in verdict order, red-flag screen first, each with the verdict
 *       it would settle, and the verdicts still possible; the findings that wait on an input); then one
 *       card per significant finding (a warning or critical finding outside the candidacy checklist
 *       that no other card states); {@code {"cards": []}} for a chart the relevance gate passes by or
 *       an order that is no spine procedure; 412 without a Patient resource;</li>
 *   <li>{@code POST /cds-services/{id}/feedback}: one line per feedback item in an audit log.</li>
 * </ul>
 *
 * <p>{@code org.spinecds.cdshooks.internal} is the implementation: hosts must not depend on it.
 */
package org.spinecds.cdshooks;
