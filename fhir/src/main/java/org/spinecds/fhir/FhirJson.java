package org.spinecds.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * The one HAPI {@link FhirContext} for FHIR R4 that SpineCDS uses (building one is expensive; this one
 * is built on first use and shared), and FHIR JSON reading and writing with it.
 *
 * <p>{@link #parse} is strict: an unknown element, a value of the wrong type or an invalid primitive
 * fails with a {@link DataFormatException} instead of being skipped (HAPI's lenient default would also
 * log the offending value). {@link #parseRecord} is lenient per resource, for records from an EHR: a
 * resource with an unknown element or an invalid value is read as far as it can be and marked
 * ({@link #UNREAD}), so that the mapping leaves what it says unknown instead of refusing the whole call;
 * nothing is logged.
 */
public final class FhirJson {

    /**
     * The user-data key ({@link org.hl7.fhir.r4.model.Base#getUserData(String)}) with which
     * {@link #parseRecord} marks a resource it could not read whole; its value is why (no patient data).
     * {@link FhirPatientMapper} leaves every input such a resource speaks of unknown.
     */
    public static final String UNREAD = "org.spinecds.fhir.unread";

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

    /**
     * Parses a record (a Bundle, or one resource) leniently per resource: a resource with an unknown
     * element, a repeated element that may not repeat, a value of the wrong JSON type or an invalid
     * primitive is kept with what could be read and marked with {@link #UNREAD}. Nothing is logged (HAPI's
     * lenient handler would log the offending values). The Bundle itself, outside its entries, must be
     * valid FHIR: a problem there (say {@code "entries"} for {@code "entry"}) would empty the record.
     *
     * @throws DataFormatException if the text is not JSON, or not a FHIR resource at all
     */
    public static IBaseResource parseRecord(String json) {
        Recorder whole = new Recorder();
        IBaseResource parsed = parser().setParserErrorHandler(whole).parseResource(json);
        if (whole.problem == null) {
            return parsed;
        }
        if (parsed instanceof Bundle b) {
            // Which entries hold the problems: each entry's resource, as written, parsed on its own.
            JsonNode tree;
            try {
                tree = RAW.readTree(json);
            } catch (JsonProcessingException e) {
                throw new DataFormatException("not JSON");
            }
            JsonNode entries = tree.path("entry");
            if (entries.isArray() && tree instanceof com.fasterxml.jackson.databind.node.ObjectNode bundle) {
                // A problem of the Bundle itself, outside its entries (e.g. "entries" for "entry"), is not a
                // problem of one input: it would silently empty the record, so it refuses the record.
                com.fasterxml.jackson.databind.node.ObjectNode shell = bundle.deepCopy();
                shell.remove("entry");
                parse(shell.toString());
            } else {
                parse(json);
            }
            for (int i = 0; i < b.getEntry().size() && i < entries.size(); i++) {
                Resource r = b.getEntry().get(i).getResource();
                JsonNode raw = entries.get(i).get("resource");
                if (r == null || raw == null || !raw.isObject()) {
                    continue;
                }
                Recorder one = new Recorder();
                try {
                    parser().setParserErrorHandler(one).parseResource(raw.toString());
                } catch (DataFormatException e) {
                    one.problem = "unreadable";
                }
                if (one.problem != null) {
                    r.setUserData(UNREAD, one.problem);
                }
            }
        } else if (parsed instanceof Resource r) {
            r.setUserData(UNREAD, whole.problem);
        }
        return parsed;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper RAW = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Records the first problem of a parse, by kind only (never the element's value), and goes on. */
    private static final class Recorder implements IParserErrorHandler {
        String problem;

        private void saw(String kind) {
            if (problem == null) {
                problem = kind;
            }
        }

        @Override
        public void unknownElement(IParseLocation location, String elementName) {
            saw("unknown element");
        }

        @Override
        public void unknownAttribute(IParseLocation location, String attributeName) {
            saw("unknown attribute");
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String elementName, ValueType expected,
                                      ScalarType expectedScalar, ValueType found, ScalarType foundScalar) {
            saw("value of the wrong JSON type");
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            saw("invalid value");
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
            saw("repeated element that may not repeat");
        }

        @Override
        public void containedResourceWithNoId(IParseLocation location) {
        }

        @Override
        public void missingRequiredElement(IParseLocation location, String elementName) {
        }

        @Override
        public void unknownReference(IParseLocation location, String reference) {
        }

        @Override
        public void invalidInternalReference(IParseLocation location, String reference) {
        }

        @Override
        public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        }
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
