package org.spinecds.examples.cli;

import java.nio.file.Path;

import org.spinecds.fhir.FhirPatientMapper;

import picocli.CommandLine.Option;

/** The {@code --codes} option of the commands that map FHIR records: a site's code list over the bundled one. */
final class CodesOption {
    @Option(names = "--codes", paramLabel = "FILE",
            description = "A site's FHIR code list file, merged over the bundled one (see docs/fhir.md; assess reads "
                    + "it with --input fhir).")
    Path codes;

    /** The FHIR mapping with the bundled code lists, merged with the site's if {@code --codes} is given. */
    FhirPatientMapper mapper() {
        return codes == null ? FhirPatientMapper.withDefaultCodes() : FhirPatientMapper.withCodes(codes);
    }
}
