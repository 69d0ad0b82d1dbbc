package dev.mailwright.imap.internal.search;

import dev.mailwright.core.mime.AddressList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SORT and THREAD (RFC 5256) need from one message, taken while its header is at
 * hand: dates, the first addresses' mailbox parts, the base subject and the reference
 * chain.
 */
public record SortItem(int seq, long uid, long size, Instant arrival, Instant sent, String from, String to, String cc,
        String subject, boolean subjectWasReply, String messageId, List<String> references) {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");

    /** Reads the items; {@code withHeader} false skips the header (ARRIVAL and SIZE only). */
    public static SortItem of(MessageView m, boolean withHeader) {
        Instant arrival = m.info().internalDate();
        if (!withHeader) {
            return new SortItem(m.seq(), m.info().uid(), m.info().size(), arrival, arrival, "", "", "", "", false, null, List.of());
        }
        Instant sent = SentDate.parse(m.rawHeader("Date")).map(d -> d.toInstant()).orElse(arrival);
        List<String> references = ids(m.rawHeader("References"));
        if (references.isEmpty()) {
            List<String> inReplyTo = ids(m.rawHeader("In-Reply-To"));
            if (!inReplyTo.isEmpty()) {
                references = List.of(inReplyTo.get(0));
            }
        }
        List<String> own = ids(m.rawHeader("Message-ID"));
        String subject = m.header("Subject");
        String base = BaseSubject.of(subject);
        boolean reply = subject != null && BaseSubject.isReplyOrForward(subject);
        return new SortItem(m.seq(), m.info().uid(), m.info().size(), arrival, sent,
                firstMailbox(m.rawHeader("From")), firstMailbox(m.rawHeader("To")), firstMailbox(m.rawHeader("Cc")),
                base, reply, own.isEmpty() ? null : own.get(0), references);
    }

    private static String firstMailbox(String value) {
        if (value == null) {
            return "";
        }
        List<AddressList.Mailbox> boxes = AddressList.parse(value).mailboxes();
        return boxes.isEmpty() ? "" : boxes.get(0).localPart().toUpperCase(Locale.ROOT);
    }

    private static List<String> ids(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = MSG_ID.matcher(value);
        while (m.find() && ids.size() < 1000) {
            ids.add(m.group());
        }
        return ids;
    }
}
