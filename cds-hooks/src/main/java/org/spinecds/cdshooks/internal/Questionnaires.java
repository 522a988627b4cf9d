package org.spinecds.cdshooks.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.spinecds.fhir.FhirJson;
import org.spinecds.fhir.FhirQuestionnaire;
import org.spinecds.patient.Input;

/**
 * The inputs Questionnaire endpoint, {@code GET /cds-services/questionnaires/spinecds-inputs?input=bmi&input=asaClass}:
 * the {@link FhirQuestionnaire} of the inputs named, in the order named (every input when none is). Its
 * URL names inputs only, never a patient or a value, and its answer is the same for every caller.
 */
public final class Questionnaires {

    /** The one query parameter. */
    static final String PARAMETER = "input";

    private Questionnaires() {
    }

    /**
     * The Questionnaire's FHIR JSON.
     *
     * @throws HttpError 400 naming the parameter when it is not an input's JSON name, or another
     *     parameter is given
     */
    static String json(Request request) throws HttpError {
        Fields query = Request.extractQueryParameters(request);
        List<Input> inputs = new ArrayList<>();
        for (Fields.Field f : query) {
            if (!f.getName().equals(PARAMETER)) {
                throw HttpError.badRequest(HookRequest.shown(f.getName()), "not a parameter of the questionnaire; "
                        + "name inputs with input=, e.g. ?input=bmi&input=asaClass");
            }
            for (String value : f.getValues()) {
                inputs.add(Input.byJsonName(value).orElseThrow(() -> HttpError.badRequest(PARAMETER,
                        HookRequest.shown(value) + " is not a SpineCDS input (the inputs are the patient JSON "
                                + "field names, e.g. bmi)")));
            }
        }
        return FhirJson.write(FhirQuestionnaire.forInputs(inputs.isEmpty() ? Arrays.asList(Input.values()) : inputs));
    }

    /** The query that names the inputs, e.g. {@code ?input=bmi&input=asaClass}. */
    public static String query(List<String> inputs) {
        StringBuilder q = new StringBuilder();
        for (String input : inputs) {
            q.append(q.length() == 0 ? '?' : '&').append(PARAMETER).append('=')
                    .append(URLEncoder.encode(input, StandardCharsets.UTF_8));
        }
        return q.toString();
    }
}
