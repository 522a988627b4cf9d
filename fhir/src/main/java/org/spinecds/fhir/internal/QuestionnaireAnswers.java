package org.spinecds.fhir.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinecds.InvalidPatientException;
import org.spinecds.fhir.internal.Claims.Kind;
import org.spinecds.patient.Input;

/**
 * The answers of a {@code QuestionnaireResponse} to a SpineCDS inputs Questionnaire
 * ({@link QuestionnaireRendering}) as claims: each answered item, found by its linkId (the input's JSON
 * name), is an observation of its input made when the response was {@code authored}, so that it is
 * weighed against the other resources as any dated observation is (the latest wins; a contradicting
 * assertion is refused). A coded-list item's answers are the complete list: the members answered are
 * present, the others absent, and {@code NONE} alone says the list is empty.
 *
 * <p>Only a response that is {@code completed} or {@code amended} and answers a SpineCDS inputs
 * Questionnaire counts; any other response is left aside, as any resource this mapping does not read.
 * An answer of the wrong type, a code that is not one of the item's options, several answers to an item
 * that does not repeat, or an item answered twice leaves that item's input unknown, with why naming the
 * linkId; an answered item that is not a SpineCDS input is left aside, and one without an answer (a
 * display item, a group) is skipped silently. The other items count.
 */
final class QuestionnaireAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(QuestionnaireAnswers.class);
    private static final Set<QuestionnaireResponseStatus> COUNTS = Set.of(QuestionnaireResponseStatus.COMPLETED,
            QuestionnaireResponseStatus.AMENDED);

    private QuestionnaireAnswers() {
    }

    /** Whether the response is a final one to a SpineCDS inputs Questionnaire (one whose answers count). */
    static boolean counts(QuestionnaireResponse qr) {
        String questionnaire = qr.hasQuestionnaire() ? qr.getQuestionnaire() : "";
        boolean ours = questionnaire.equals(QuestionnaireRendering.URL_BASE)
                || questionnaire.startsWith(QuestionnaireRendering.URL_BASE + "/")
                || questionnaire.startsWith(QuestionnaireRendering.URL_BASE + "|");
        if (!ours || !COUNTS.contains(qr.getStatus())) {
            LOG.debug("A QuestionnaireResponse left aside: {}", ours ? "its status is not completed or amended"
                    : "it answers another questionnaire than SpineCDS's inputs");
            return false;
        }
        return true;
    }

    /**
     * Adds the claims of a counting response's answers (see {@link #counts}); an item that cannot be read
     * goes to {@code bad} (its field the item's input, or {@code QuestionnaireResponse.item}) and the
     * other items are read.
     */
    static void read(QuestionnaireResponse qr, String ref, Claims claims,
                     java.util.function.Consumer<InvalidPatientException> bad) {
        Instant at = qr.hasAuthored() ? qr.getAuthored().toInstant() : null;
        List<QuestionnaireResponseItemComponent> items = new ArrayList<>();
        flatten(qr.getItem(), items);
        Set<String> seen = new LinkedHashSet<>();
        for (QuestionnaireResponseItemComponent item : items) {
            try {
                item(item, seen, ref, at, claims);
            } catch (InvalidPatientException e) {
                bad.accept(e);
            }
        }
    }

    private static void item(QuestionnaireResponseItemComponent item, Set<String> seen, String ref, Instant at,
                             Claims claims) {
        String linkId = item.getLinkId();
        Input input = linkId == null ? null : Input.byJsonName(linkId).orElse(null);
        if (input == null && item.getAnswer().isEmpty()) {
            return; // a display item, an empty group, a question without an answer: nothing to read
        }
        if (input == null) {
            throw InvalidPatientException.of("QuestionnaireResponse.item",
                    "%s: linkId %s is not a SpineCDS input", ref, shown(linkId));
        }
        if (!seen.add(linkId)) {
            throw InvalidPatientException.of(linkId, "%s: item %s is answered twice", ref, linkId);
        }
        List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
        if (answers.isEmpty()) {
            return; // unanswered: stays unknown
        }
        if (input.type() == Input.Type.ENUM_SET) {
            members(input, answers, ref, at, claims);
            return;
        }
        if (answers.size() > 1) {
            throw InvalidPatientException.of(linkId, "%s: item %s takes one answer, has %d", ref, linkId,
                    answers.size());
        }
        claims.add(input, value(input, answers.get(0).getValue(), ref), ref, at, Kind.OBSERVED);
    }

    /** The items of a response, groups opened (an item's own answers may also hold items). */
    private static void flatten(List<QuestionnaireResponseItemComponent> items,
                                List<QuestionnaireResponseItemComponent> out) {
        for (QuestionnaireResponseItemComponent item : items) {
            if (item.hasAnswer() || !item.hasItem()) {
                out.add(item);
            }
            flatten(item.getItem(), out);
            item.getAnswer().forEach(a -> flatten(a.getItem(), out));
        }
    }

    private static Object value(Input input, Type value, String ref) {
        String linkId = input.jsonName();
        switch (input.type()) {
            case BOOLEAN -> {
                if (value instanceof BooleanType b && b.getValue() != null) {
                    return b.getValue();
                }
                throw wrongType(input, ref, value, "valueBoolean");
            }
            case INTEGER -> {
                if (value instanceof IntegerType i && i.getValue() != null) {
                    return i.getValue();
                }
                throw wrongType(input, ref, value, "valueInteger");
            }
            case DECIMAL -> {
                if (value instanceof DecimalType d && d.getValue() != null) {
                    return d.getValue().doubleValue();
                }
                if (value instanceof IntegerType i && i.getValue() != null) {
                    return BigDecimal.valueOf(i.getValue()).doubleValue();
                }
                throw wrongType(input, ref, value, "valueDecimal");
            }
            case ENUM -> {
                String member = member(input, value, ref);
                if (member.equals(QuestionnaireRendering.NONE)) {
                    throw InvalidPatientException.of(linkId, "%s: item %s has no answer %s", ref, linkId,
                            QuestionnaireRendering.code(input, member));
                }
                return constant(input, member);
            }
            default -> throw new IllegalStateException(input.name());
        }
    }

    private static void members(Input input, List<QuestionnaireResponseItemAnswerComponent> answers, String ref,
                                Instant at, Claims claims) {
        Set<String> chosen = new LinkedHashSet<>();
        for (QuestionnaireResponseItemAnswerComponent a : answers) {
            chosen.add(member(input, a.getValue(), ref));
        }
        if (chosen.contains(QuestionnaireRendering.NONE)) {
            if (chosen.size() > 1) {
                throw InvalidPatientException.of(input.jsonName(), "%s: item %s answers %s beside other members",
                        ref, input.jsonName(), QuestionnaireRendering.code(input, QuestionnaireRendering.NONE));
            }
            claims.addNone(input, ref, at);
            return;
        }
        for (Enum<?> m : input.enumType().getEnumConstants()) {
            claims.addMember(input, m, chosen.contains(m.name()), ref, at, Kind.OBSERVED);
        }
    }

    /** The member an answer codes ({@code input.MEMBER} in the SpineCDS code system), or {@code NONE}. */
    private static String member(Input input, Type value, String ref) {
        String linkId = input.jsonName();
        if (!(value instanceof Coding c)) {
            throw wrongType(input, ref, value, "valueCoding");
        }
        if (!CodeList.SPINECDS_SYSTEM.equals(c.getSystem()) || c.getCode() == null
                || !c.getCode().startsWith(linkId + ".")) {
            throw InvalidPatientException.of(linkId, "%s: item %s answers a coding that is not one of its options "
                    + "(system %s, codes %s.*)", ref, linkId, CodeList.SPINECDS_SYSTEM, linkId);
        }
        String member = c.getCode().substring(linkId.length() + 1);
        if (input.type() == Input.Type.ENUM_SET && member.equals(QuestionnaireRendering.NONE)) {
            return member;
        }
        if (constant(input, member) == null) {
            throw InvalidPatientException.of(linkId, "%s: item %s has no answer %s", ref, linkId, shown(c.getCode()));
        }
        return member;
    }

    private static Enum<?> constant(Input input, String name) {
        for (Enum<?> c : input.enumType().getEnumConstants()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static InvalidPatientException wrongType(Input input, String ref, Type value, String expected) {
        return InvalidPatientException.of(input.jsonName(), "%s: item %s must be answered with %s, was %s", ref,
                input.jsonName(), expected, value == null ? "no value" : "a " + value.fhirType());
    }

    /** A client's code or linkId in a message: short and on one line. */
    private static String shown(String s) {
        if (s == null) {
            return "(none)";
        }
        String one = s.codePoints().filter(ch -> ch >= 0x20).limit(60)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + one + (s.length() > 60 ? "…" : "") + "\"";
    }
}
