package org.spinecds.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;

/**
 * The one HAPI {@link FhirContext} for FHIR R4 that SpineCDS uses (building one is expensive; this one
 * is built on first use and shared), and FHIR JSON reading and writing with it.
 */
public final class FhirJson {

    private FhirJson() {
    }

    private static final class Holder {
        static final FhirContext CONTEXT = FhirContext.forR4();
    }

    /** The shared FHIR R4 context. Thread-safe; do not change its settings. */
    public static FhirContext context() {
        return Holder.CONTEXT;
    }

    /**
     * Parses FHIR R4 JSON into a resource of the given type.
     *
     * @throws DataFormatException if the text is not valid FHIR JSON for that type
     */
    public static <T extends IBaseResource> T parse(Class<T> type, String json) {
        return parser().parseResource(type, json);
    }

    /** Pretty-printed FHIR JSON of a resource. */
    public static String write(IBaseResource resource) {
        return parser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    private static IParser parser() {
        // Parsers are cheap and not thread-safe; the context is the expensive part.
        return context().newJsonParser();
    }
}
