package dev.mailwright.smtp.client;

import dev.mailwright.core.BodyType;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.EsmtpParameters;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.smtp.SmtpReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message on one connection: the MAIL/RCPT/DATA (or BDAT) exchange, pipelined when the
 * server allows (RFC 2920), with its parameters cut down to what the server offered, and the
 * replies turned into one result per recipient (per recipient after the message, for LMTP).
 */
final class Transmission {

    /** The EHLO keyword each MAIL or RCPT parameter needs. */
    private static final Map<String, String> NEEDS = Map.of("SIZE", "SIZE", "SMTPUTF8", "SMTPUTF8", "RET", "DSN",
            "ENVID", "DSN", "REQUIRETLS", "REQUIRETLS", "AUTH", "AUTH", "NOTIFY", "DSN", "ORCPT", "DSN");

    private final SmtpConnection connection;
    private final Envelope envelope;
    private final MessageContent content;
    private final Capabilities offered;

    Transmission(SmtpConnection connection, Envelope envelope, MessageContent content) {
        this.connection = connection;
        this.envelope = envelope;
        this.content = content;
        this.offered = connection.capabilities();
    }

    private static String path(MailAddress address, boolean utf8) {
        return utf8 ? address.toString() : address.toAsciiString();
    }

    SendResult run() throws IOException {
        if (envelope.recipients().isEmpty()) {
            throw new IllegalArgumentException("an envelope without recipients cannot be sent");
        }
        Optional<SmtpReply> refusal = localRefusal();
        if (refusal.isPresent()) {
            return result(SmtpConnection.all(envelope, refusal.get()));
        }
        boolean chunking = offered.has("CHUNKING")
                && (connection.config().preferChunking || SmtpConnection.isBinary(envelope));
        boolean pipelining = offered.has("PIPELINING");
        // Without SMTPUTF8 the domains go as A-labels: a U-label is raw UTF-8 on the wire.
        boolean utf8 = envelope.mailOptions().smtpUtf8();
        String mail = "MAIL FROM:<" + envelope.sender().map(a -> path(a, utf8)).orElse("") + ">" + mailParameters();
        List<String> rcpts = new ArrayList<>();
        for (Envelope.Recipient r : envelope.recipients()) {
            rcpts.add("RCPT TO:<" + path(r.address(), utf8) + ">" + parameters(r.options().toParameters()));
        }

        SmtpReply mailReply;
        List<SmtpReply> rcptReplies = new ArrayList<>();
        SmtpReply dataReply = null;
        if (pipelining) {
            connection.write(mail);
            for (String rcpt : rcpts) {
                connection.write(rcpt);
            }
            if (!chunking) {
                connection.write("DATA");
            }
            connection.flush();
            mailReply = connection.read();
            for (int i = 0; i < rcpts.size(); i++) {
                rcptReplies.add(connection.read());
            }
            if (!chunking) {
                dataReply = connection.read();
            }
        } else {
            mailReply = connection.command(mail);
            if (!mailReply.isPositive()) {
                return result(SmtpConnection.all(envelope, mailReply));
            }
            for (String rcpt : rcpts) {
                rcptReplies.add(connection.command(rcpt));
            }
            if (rcptReplies.stream().anyMatch(SmtpReply::isPositive) && !chunking) {
                dataReply = connection.command("DATA");
            }
        }

        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < rcptReplies.size(); i++) {
            if (rcptReplies.get(i).isPositive()) {
                accepted.add(i);
            }
        }
        if (!mailReply.isPositive() || accepted.isEmpty()) {
            endUnwantedData(dataReply);
            if (mailReply.isPositive()) {
                connection.reset();
            }
            List<RecipientResult> results = new ArrayList<>();
            for (int i = 0; i < envelope.recipients().size(); i++) {
                SmtpReply reply = mailReply.isPositive() ? rcptReplies.get(i) : mailReply;
                results.add(SmtpConnection.result(envelope.recipients().get(i), reply));
            }
            return result(results);
        }
        if (!chunking && dataReply.code() != 354) {
            connection.reset();
            return result(merge(rcptReplies, accepted, List.of(dataReply)));
        }

        connection.awaitingFinalReply(true);
        if (chunking) {
            connection.sendChunk(content);
        } else {
            connection.sendDotStuffed(content);
        }
        List<SmtpReply> finals = new ArrayList<>();
        int expected = connection.config().lmtp ? accepted.size() : 1;
        for (int i = 0; i < expected; i++) {
            finals.add(connection.read());
        }
        connection.awaitingFinalReply(false);
        return result(merge(rcptReplies, accepted, finals));
    }

    /** Refusals decided before anything is sent: the message cannot be carried as asked. */
    private Optional<SmtpReply> localRefusal() {
        MailOptions options = envelope.mailOptions();
        if (options.requireTls() && (connection.tls().isEmpty() || !offered.has("REQUIRETLS"))) {
            return Optional.of(SmtpReply.of(550, "5.7.10", "REQUIRETLS: the server does not offer it over TLS"));
        }
        if (options.smtpUtf8() && !offered.has("SMTPUTF8")) {
            return Optional.of(SmtpReply.of(553, "5.6.7", "the server does not offer SMTPUTF8"));
        }
        if (options.body() == BodyType.BINARY_MIME && !(offered.has("BINARYMIME") && offered.has("CHUNKING"))) {
            return Optional.of(SmtpReply.of(554, "5.6.3", "the server does not offer BINARYMIME"));
        }
        Optional<Long> max = offered.maxSize();
        if (max.isPresent() && content.size() > max.get()) {
            return Optional.of(SmtpReply.of(552, "5.3.4", "message larger than the server's limit of " + max.get() + " octets"));
        }
        return Optional.empty();
    }

    private String mailParameters() {
        EsmtpParameters.Builder p = EsmtpParameters.builder();
        MailOptions options = envelope.mailOptions();
        options.toParameters().asMap().forEach((keyword, value) -> {
            if (keyword.equals("SIZE")) {
                return;
            }
            if (keyword.equals("BODY")) {
                if (offered.has(value.orElse(""))) {
                    p.add(keyword, value.get());
                }
                return;
            }
            if (keyword.equals("AUTH") && !connection.isAuthenticated()) {
                return;
            }
            if (offered.has(NEEDS.getOrDefault(keyword, keyword))) {
                value.ifPresentOrElse(v -> p.add(keyword, v), () -> p.add(keyword));
            }
        });
        if (offered.has("SIZE")) {
            p.add("SIZE", Long.toString(content.size()));
        }
        return parameters(p.build());
    }

    /** Only the parameters whose extension the server offered: RFC 3461 §5.2 lets a relay drop DSN ones. */
    private String parameters(EsmtpParameters parameters) {
        StringBuilder out = new StringBuilder();
        parameters.asMap().forEach((keyword, value) -> {
            if (offered.has(NEEDS.getOrDefault(keyword, keyword)) || keyword.equals("BODY")) {
                out.append(' ').append(keyword);
                value.ifPresent(v -> out.append('=').append(v));
            }
        });
        return out.toString();
    }

    /** A DATA that was pipelined although nobody was accepted: end it cleanly if the server said 354. */
    private void endUnwantedData(SmtpReply dataReply) throws IOException {
        if (dataReply != null && dataReply.code() == 354) {
            connection.write(".");
            connection.flush();
            connection.read();
        }
    }

    /** Refused recipients keep their RCPT reply; accepted ones get the message's reply (theirs, for LMTP). */
    private List<RecipientResult> merge(List<SmtpReply> rcptReplies, List<Integer> accepted, List<SmtpReply> finals) {
        List<RecipientResult> results = new ArrayList<>();
        for (int i = 0; i < envelope.recipients().size(); i++) {
            int position = accepted.indexOf(i);
            SmtpReply reply = position < 0 ? rcptReplies.get(i) : finals.get(Math.min(position, finals.size() - 1));
            results.add(SmtpConnection.result(envelope.recipients().get(i), reply));
        }
        return results;
    }

    private SendResult result(List<RecipientResult> results) {
        return new SendResult(results, connection.tls());
    }
}
