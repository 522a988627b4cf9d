/**
 * The JSON formats: {@link org.spinecds.json.PatientJson} reads the patient format (strictly),
 * {@link org.spinecds.json.AssessmentJson} writes an assessment, and
 * {@link org.spinecds.json.PatientSchema} gives the patient format's JSON Schema.
 */
package org.spinecds.json;
