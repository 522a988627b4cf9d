package org.spinecds.cdshooks.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The audit log of card feedback: one JSON object per line, appended and forced to disk, for every
 * feedback item of the CDS Hooks "Feedback" request. A line holds the service id, the card uuid, the
 * outcome, the override reason's system and code (one of the reasons the cards offer, or the client's
 * own reason: its system, and its code when it is a code, else only its SHA-256; of accepted suggestions,
 * which the cards do not offer, only their number: no free text reaches the log), whether the clinician
 * left a comment (never the comment itself, which may name the patient), the client's
 * {@code outcomeTimestamp}, when the service received it, and the authenticated issuer. Nothing else of
 * the request is kept.
 */
public final class FeedbackLog implements Closeable {

    private static final int MAX_ITEMS = 100;
    private static final int MAX_TEXT = 256;
    /** A URI: a scheme, then no white space. */
    private static final java.util.regex.Pattern URI_LIKE = java.util.regex.Pattern.compile(
            "[A-Za-z][A-Za-z0-9+.-]*:[^\\s]{1,250}");
    /** A code, not a sentence: no white space, at most 64 characters of a code's alphabet. */
    private static final java.util.regex.Pattern CODE_LIKE = java.util.regex.Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;

    /** Opens (creating it if needed) the log file for appending. */
    public FeedbackLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    public Path file() {
        return file;
    }

    /**
     * Validates a whole feedback request and appends one line per item; nothing is written when any
     * item is invalid.
     *
     * @return the number of lines written
     * @throws HttpError 400 naming the field in error
     */
    public int append(String serviceId, JsonNode body, String client) throws HttpError, IOException {
        List<ObjectNode> lines = parse(serviceId, body, client);
        StringBuilder text = new StringBuilder();
        for (ObjectNode line : lines) {
            try {
                text.append(Jackson.MAPPER.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IOException("cannot write a feedback line", e);
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        synchronized (channel) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        return lines.size();
    }

    List<ObjectNode> parse(String serviceId, JsonNode body, String client) throws HttpError {
        if (body == null || !body.isObject()) {
            throw HttpError.badRequest("$", "the feedback request must be a JSON object");
        }
        JsonNode items = body.get("feedback");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw HttpError.badRequest("feedback", "required: a non-empty array of feedback items");
        }
        if (items.size() > MAX_ITEMS) {
            throw HttpError.badRequest("feedback", "at most " + MAX_ITEMS + " items per request, got " + items.size());
        }
        String received = clock.instant().toString();
        List<ObjectNode> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add(item(items.get(i), "feedback[" + i + "]", serviceId, received, client));
        }
        return lines;
    }

    private static ObjectNode item(JsonNode item, String at, String serviceId, String received, String client)
            throws HttpError {
        if (!item.isObject()) {
            throw HttpError.badRequest(at, "must be an object");
        }
        String card = text(item, at, "card", true);
        try {
            UUID.fromString(card);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(at + ".card", "must be the uuid of a card this service returned");
        }
        String outcome = text(item, at, "outcome", true);
        if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
            throw HttpError.badRequest(at + ".outcome", "must be \"accepted\" or \"overridden\"");
        }
        String timestamp = text(item, at, "outcomeTimestamp", true);
        Instant outcomeAt;
        try {
            outcomeAt = OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(at + ".outcomeTimestamp", "must be an ISO 8601 date-time with an offset, "
                    + "e.g. 2026-01-31T09:30:00Z");
        }
        ObjectNode line = Jackson.MAPPER.createObjectNode();
        line.put("receivedAt", received);
        line.put("serviceId", serviceId);
        line.put("card", card);
        line.put("outcome", outcome);
        line.put("outcomeTimestamp", outcomeAt.toString());

        JsonNode accepted = item.get("acceptedSuggestions");
        if (accepted != null && !accepted.isNull()) {
            if (!accepted.isArray()) {
                throw HttpError.badRequest(at + ".acceptedSuggestions", "must be an array");
            }
            for (int i = 0; i < accepted.size(); i++) {
                String id = text(accepted.get(i), at + ".acceptedSuggestions[" + i + "]", "id", true);
                try {
                    UUID.fromString(id);
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest(at + ".acceptedSuggestions[" + i + "].id", "must be a suggestion uuid");
                }
            }
            // this service's cards offer no suggestions: only how many the client names is kept
            if (!accepted.isEmpty()) {
                line.put("acceptedSuggestions", accepted.size());
            }
        }
        JsonNode reason = item.get("overrideReason");
        if (reason != null) {
            if (!outcome.equals("overridden")) {
                throw HttpError.badRequest(at + ".overrideReason", "only for the outcome \"overridden\"");
            }
            if (!reason.isObject()) {
                throw HttpError.badRequest(at + ".overrideReason", "must be an object");
            }
            JsonNode coding = reason.get("reason");
            if (coding != null) {
                String where = at + ".overrideReason.reason";
                if (!coding.isObject()) {
                    throw HttpError.badRequest(where, "must be a Coding object");
                }
                String system = text(coding, where, "system", true);
                String code = text(coding, where, "code", true);
                if (Cards.OVERRIDE_REASON_SYSTEM.equals(system)) {
                    if (Cards.OVERRIDE_REASONS.stream().noneMatch(r -> r.code().equals(code))) {
                        throw HttpError.badRequest(where + ".code", "must be one of the override reasons the cards "
                                + "offer: " + String.join(", ", Cards.OVERRIDE_REASONS.stream().map(Card.Coding::code)
                                .toList()));
                    }
                    line.put("overrideReasonSystem", system);
                    line.put("overrideReasonCode", code);
                } else {
                    // the client's own reason (the specification lets a client add its own): its system is a
                    // URI; its code is kept when it is a code, and only as a digest when it could be text
                    if (!URI_LIKE.matcher(system).matches()) {
                        throw HttpError.badRequest(where + ".system", "must be a URI, e.g. "
                                + "https://ehr.example.org/override-reasons");
                    }
                    line.put("overrideReasonSystem", system);
                    if (CODE_LIKE.matcher(code).matches()) {
                        line.put("overrideReasonCode", code);
                    } else {
                        line.put("overrideReasonCodeSha256", sha256(system + "|" + code));
                    }
                }
            }
            JsonNode comment = reason.get("userComment");
            if (comment != null && !comment.isTextual()) {
                throw HttpError.badRequest(at + ".overrideReason.userComment", "must be a string");
            }
            line.put("userComment", comment != null);
        }
        line.put("client", client);
        return line;
    }

    private static String text(JsonNode node, String at, String field, boolean required) throws HttpError {
        if (!node.isObject()) {
            throw HttpError.badRequest(at, "must be an object");
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw HttpError.badRequest(at + "." + field, "required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw HttpError.badRequest(at + "." + field, "must be a non-empty string");
        }
        if (v.asText().length() > MAX_TEXT) {
            throw HttpError.badRequest(at + "." + field, "at most " + MAX_TEXT + " characters");
        }
        return v.asText();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
