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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.spinecds.json.SchemaCheck;

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

    /** The feedback request, as {@code feedback.schema.json} (beside this class) describes it. */
    private record Request(List<Item> feedback) {
    }

    private record Item(String card, String outcome, String outcomeTimestamp, List<Suggestion> acceptedSuggestions,
                        OverrideReason overrideReason) {
    }

    private record Suggestion(String id) {
    }

    private record OverrideReason(Coding reason, String userComment) {
    }

    private record Coding(String system, String code) {
    }

    private static final SchemaCheck SCHEMA = SchemaCheck.of(FeedbackLog.class, "feedback.schema.json");
    List<ObjectNode> parse(String serviceId, JsonNode body, String client) throws HttpError {
        Request request = Jackson.read(body, SCHEMA, Request.class, "feedback request");
        String received = clock.instant().toString();
        List<ObjectNode> lines = new ArrayList<>();
        for (int i = 0; i < request.feedback().size(); i++) {
            lines.add(item(request.feedback().get(i), "feedback[" + i + "]", serviceId, received, client));
        }
        return lines;
    }

    /** The log line of an item that meets the schema; what a schema cannot say is checked here. */
    private static ObjectNode item(Item item, String at, String serviceId, String received, String client)
            throws HttpError {
        Instant outcomeAt;
        try {
            outcomeAt = OffsetDateTime.parse(item.outcomeTimestamp()).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(at + ".outcomeTimestamp", "must be an ISO 8601 date-time with an offset, "
                    + "e.g. 2026-01-31T09:30:00Z");
        }
        ObjectNode line = Jackson.MAPPER.createObjectNode();
        line.put("receivedAt", received);
        line.put("serviceId", serviceId);
        line.put("card", item.card());
        line.put("outcome", item.outcome());
        line.put("outcomeTimestamp", outcomeAt.toString());
        // this service's cards offer no suggestions: only how many the client names is kept
        if (item.acceptedSuggestions() != null && !item.acceptedSuggestions().isEmpty()) {
            line.put("acceptedSuggestions", item.acceptedSuggestions().size());
        }
        OverrideReason reason = item.overrideReason();
        if (reason != null) {
            if (!item.outcome().equals("overridden")) {
                throw HttpError.badRequest(at + ".overrideReason", "only for the outcome \"overridden\"");
            }
            Coding coding = reason.reason();
            if (coding != null) {
                String where = at + ".overrideReason.reason";
                if (Cards.OVERRIDE_REASON_SYSTEM.equals(coding.system())) {
                    if (Cards.OVERRIDE_REASONS.stream().noneMatch(r -> r.code().equals(coding.code()))) {
                        throw HttpError.badRequest(where + ".code", "must be one of the override reasons the cards "
                                + "offer: " + String.join(", ", Cards.OVERRIDE_REASONS.stream().map(Card.Coding::code)
                                .toList()));
                    }
                    line.put("overrideReasonSystem", coding.system());
                    line.put("overrideReasonCode", coding.code());
                } else {
                    // the client's own reason (the specification lets a client add its own): its system is a
                    // URI; its code is kept when it is a code, and only as a digest when it could be text
                    if (!URI_LIKE.matcher(coding.system()).matches()) {
                        throw HttpError.badRequest(where + ".system", "must be a URI, e.g. "
                                + "https://ehr.example.org/override-reasons");
                    }
                    line.put("overrideReasonSystem", coding.system());
                    if (CODE_LIKE.matcher(coding.code()).matches()) {
                        line.put("overrideReasonCode", coding.code());
                    } else {
                        line.put("overrideReasonCodeSha256", sha256(coding.system() + "|" + coding.code()));
                    }
                }
            }
            line.put("userComment", reason.userComment() != null);
        }
        line.put("client", client);
        return line;
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
