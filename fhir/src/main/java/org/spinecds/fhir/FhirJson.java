package org.spinecds.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;

/**
 * The one HAPI {@link FhirContext} for FHIR R4 that SpineCDS uses (building one is expensive; this one
 * is built on first use and shared), and FHIR JSON reading and writing with it.
 *
 * <p>Reading is strict: an unknown element, a value of the wrong type or an invalid primitive fails
 * with a {@link DataFormatException} instead of being skipped (HAPI's lenient default would also log
 * the offending value).
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
        return parser().setParserErrorHandler(new StrictErrorHandler()).parseResource(type, json);
    }

    /**
     * Parses FHIR R4 JSON into a resource of the type its {@code resourceType} names.
     *
     * @throws DataFormatException if the text is not valid FHIR JSON
     */
    public static IBaseResource parse(String json) {
        return parser().setParserErrorHandler(new StrictErrorHandler()).parseResource(json);
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
