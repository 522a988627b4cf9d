package org.spinecds.examples.cli;

import static org.spinecds.batch.ExitCodes.OK;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.spinecds.Assessment;
import org.spinecds.InvalidPatientException;
import org.spinecds.fhir.FhirAssessment;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.FhirPatientMapper;
import org.spinecds.fhir.MappedPatient;
import org.spinecds.json.AssessmentJson;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Patient;

import ca.uhn.fhir.parser.DataFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "assess",
        description = "Assess the patient in FILE (patient JSON, see docs/patient-format.md and patient.schema.json; "
                + "or, with --input fhir, a FHIR R4 Bundle or resource, a QuestionnaireResponse to the inputs "
                + "Questionnaire among them, see docs/fhir.md).")
final class AssessCommand extends EngineCommand {
    enum Format { text, json, fhir }

    enum InputFormat { json, fhir }

    /** The largest FHIR file read, in bytes. */
    static final long MAX_FHIR_BYTES = 16L << 20;

    @Parameters(paramLabel = "FILE", description = "The patient JSON file, or a FHIR R4 JSON file with --input fhir.")
    Path file;

    @Option(names = "--input", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (the patient JSON format) or fhir (a FHIR R4 Bundle or resource, mapped with the "
                    + "FHIR code lists; a QuestionnaireResponse alone or in the Bundle gives its answers). "
                    + "Default: ${DEFAULT-VALUE}.")
    InputFormat input;

    @Mixin
    CodesOption codes = new CodesOption();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a report for the clinician), json, or fhir (a FHIR R4 GuidanceResponse). "
                    + "Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() throws IOException {
        if (codes.codes != null && input != InputFormat.fhir) {
            throw usage("--codes needs --input fhir");
        }
        MappedPatient mapped = input == InputFormat.fhir ? readFhir() : null;
        Patient patient = mapped != null ? mapped.patient() : PatientJson.read(file);
        Assessment a = engineOptions.engine().assess(patient);
        PrintWriter out = out();
        out.print(switch (format) {
            case text -> TextReport.render(a) + recordNotes(mapped);
            case json -> AssessmentJson.write(a) + System.lineSeparator();
            case fhir -> FhirJson.write(mapped == null ? FhirAssessment.of(a) : FhirAssessment.of(a, mapped))
                    + System.lineSeparator();
        });
        out.flush();
        return OK;
    }

    /** The text report's section on what the mapping said of the FHIR record, or "" when it said nothing. */
    private static String recordNotes(MappedPatient mapped) {
        List<String> notes = mapped == null ? List.of() : mapped.notes();
        if (notes.isEmpty()) {
            return "";
        }
        String nl = System.lineSeparator();
        return nl + "From the FHIR record" + nl + "--------------------" + nl
                + notes.stream().map(n -> "  " + n + nl).collect(Collectors.joining());
    }

    /**
     * The FHIR file, read strictly as UTF-8 (as FHIR's JSON is) after an optional byte order mark, as the
     * patient JSON is: another encoding is invalid input, a missing file or a directory an I/O error.
     */
    private MappedPatient readFhir() throws IOException {
        if (Files.isDirectory(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a directory, not a FHIR file");
        }
        if (Files.size(file) > MAX_FHIR_BYTES) {
            throw InvalidPatientException.of("$", "the FHIR file is larger than %d MiB", MAX_FHIR_BYTES >> 20);
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text = PatientJson.decode(bytes, start, bytes.length - start);
        IBaseResource resource;
        try {
            resource = FhirJson.parseRecord(text);
        } catch (DataFormatException e) {
            throw InvalidPatientException.of("$", "not FHIR R4 JSON: %s", e.getMessage());
        }
        FhirPatientMapper mapper = codes.mapper();
        if (resource instanceof Bundle bundle) {
            return mapper.map(bundle);
        }
        return mapper.map(List.of((Resource) resource));
    }
}
