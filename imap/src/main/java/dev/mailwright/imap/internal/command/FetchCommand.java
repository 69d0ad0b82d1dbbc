package dev.mailwright.imap.internal.command;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.MimeContent;
import dev.mailwright.core.mime.MimePart;
import dev.mailwright.core.mime.UnknownEncodingException;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.fetch.FetchAttribute;
import dev.mailwright.imap.internal.fetch.FetchAttribute.Kind;
import dev.mailwright.imap.internal.fetch.FetchRequest;
import dev.mailwright.imap.internal.fetch.MessageCache;
import dev.mailwright.imap.internal.fetch.SectionData;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.protocol.SequenceSet;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import dev.mailwright.imap.internal.session.SessionState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5) with BINARY (RFC 3516), CONDSTORE's MODSEQ and
 * CHANGEDSINCE, and QRESYNC's VANISHED (RFC 7162). Messages are read in batches from the
 * store; parsed structures come from the server's cache; large sections are streamed
 * with flow control.
 */
final class FetchCommand implements Command {

    private static final int BATCH = 512;
    private static final DateTimeFormatter INTERNALDATE =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public boolean expungeAllowed(boolean uid) {
        return uid;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        SequenceSet set = c.args().sequenceSet();
        c.args().sp();
        FetchRequest request = FetchRequest.parse(c.args());
        c.args().end();
        if (request.vanished() && (!c.uid() || !c.session().qresync())) {
            throw ImapException.bad("VANISHED needs UID FETCH and QRESYNC");
        }
        if (request.changedSince() >= 0 || request.has(Kind.MODSEQ)) {
            c.session().enableCondstore();
        }
        SelectedMailbox selected = c.selected();
        UidSet uids = selected.resolve(set, c.uid());
        if (request.vanished()) {
            UidSet vanished = vanished(selected, set, request.changedSince());
            if (!vanished.isEmpty()) {
                c.out().append("* VANISHED (EARLIER) ").append(vanished.toString()).crlf();
            }
        }
        boolean markSeen = request.setsSeen() && !selected.readOnly();
        List<Long> batch = new ArrayList<>(BATCH);
        for (long uid : uids) {
            batch.add(uid);
            if (batch.size() == BATCH) {
                fetchBatch(c, selected, request, batch, markSeen);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            fetchBatch(c, selected, request, batch, markSeen);
        }
    }

    private static UidSet vanished(SelectedMailbox selected, SequenceSet set, long since) {
        UidSet asked = set.resolve(selected.uidNext() > 1 ? selected.uidNext() - 1 : 0);
        UidSet.Builder out = UidSet.builder();
        for (long uid : selected.mailbox().changesSince(since).vanished()) {
            if (asked.contains(uid)) {
                out.add(uid);
            }
        }
        return out.build();
    }

    private void fetchBatch(CommandContext c, SelectedMailbox selected, FetchRequest request, List<Long> batch,
            boolean markSeen) throws ImapException {
        UidSet uids = UidSet.of(batch);
        List<MessageInfo> infos = selected.mailbox().messages(uids);
        if (markSeen) {
            UidSet.Builder unseen = UidSet.builder();
            for (MessageInfo m : infos) {
                if (!m.flags().contains(Flags.SystemFlag.SEEN)) {
                    unseen.add(m.uid());
                }
            }
            UidSet toMark = unseen.build();
            if (!toMark.isEmpty()) {
                Map<Long, MessageInfo> updated = new HashMap<>();
                for (MessageInfo m : selected.mailbox().store(toMark, FlagUpdate.add(Flags.of(Flags.SystemFlag.SEEN)),
                        OptionalLong.empty()).messages()) {
                    updated.put(m.uid(), m);
                }
                List<MessageInfo> merged = new ArrayList<>(infos.size());
                for (MessageInfo m : infos) {
                    merged.add(updated.getOrDefault(m.uid(), m));
                }
                infos = merged;
            }
        }
        for (MessageInfo info : infos) {
            if (request.changedSince() >= 0 && info.modSeq() <= request.changedSince()) {
                continue;
            }
            int seq = selected.seq(info.uid());
            if (seq == 0) {
                continue;
            }
            fetchOne(c, selected, request, info, seq, markSeen);
        }
    }

    private void fetchOne(CommandContext c, SelectedMailbox selected, FetchRequest request, MessageInfo info, int seq,
            boolean markSeen) throws ImapException {
        ResponseWriter out = c.out();
        MessageContent content = null;
        MessageCache.Parsed parsed = null;
        try {
            if (request.needsStructure()) {
                MessageCache.Key key = new MessageCache.Key(c.session().account(), selected.name(), selected.uidValidity(), info.uid());
                parsed = c.engine().cache().getIfPresent(key);
                if (parsed == null) {
                    var stored = selected.mailbox().storedStructure(info.uid());
                    if (stored.isPresent()) {
                        parsed = c.engine().cache().get(key, stored.get());
                    } else {
                        content = selected.mailbox().content(info.uid());
                        parsed = c.engine().cache().get(key, content);
                    }
                }
            }
            if (request.needsContent() && content == null) {
                content = selected.mailbox().content(info.uid());
            }
            out.append("* ").append(seq).append(" FETCH (");
            boolean first = true;
            boolean uidWritten = false;
            boolean flagsWritten = false;
            boolean modSeqWritten = false;
            if (c.uid() && !request.has(Kind.UID)) {
                out.append("UID ").append(info.uid());
                first = false;
                uidWritten = true;
            }
            for (FetchAttribute a : request.attributes()) {
                if (a.kind() == Kind.UID && uidWritten || a.kind() == Kind.FLAGS && flagsWritten
                        || a.kind() == Kind.MODSEQ && modSeqWritten) {
                    continue;
                }
                if (!first) {
                    out.append(' ');
                }
                first = false;
                switch (a.kind()) {
                    case FLAGS -> {
                        out.append("FLAGS ").append(info.flags().toString());
                        flagsWritten = true;
                        selected.reported(info.uid(), info.modSeq());
                    }
                    case UID -> {
                        out.append("UID ").append(info.uid());
                        uidWritten = true;
                    }
                    case MODSEQ -> {
                        out.append("MODSEQ (").append(info.modSeq()).append(')');
                        modSeqWritten = true;
                    }
                    case INTERNALDATE -> out.append("INTERNALDATE \"").append(INTERNALDATE.format(info.internalDate())).append('"');
                    case RFC822_SIZE -> out.append("RFC822.SIZE ").append(info.size());
                    case ENVELOPE -> out.append("ENVELOPE ").append(parsed.envelope());
                    case BODY -> out.append("BODY ").append(parsed.body());
                    case BODYSTRUCTURE -> out.append("BODYSTRUCTURE ").append(parsed.bodyStructure());
                    case RFC822 -> {
                        out.append("RFC822 ");
                        out.literal(content.open(), content.size(), false);
                    }
                    case RFC822_HEADER, RFC822_TEXT -> {
                        out.append(a.kind() == Kind.RFC822_HEADER ? "RFC822.HEADER " : "RFC822.TEXT ");
                        section(out, a, parsed, content);
                    }
                    case BODY_SECTION -> {
                        out.append("BODY[").append(a.section().echo()).append(']');
                        if (a.partialStart() >= 0) {
                            out.append('<').append(a.partialStart()).append('>');
                        }
                        out.append(' ');
                        section(out, a, parsed, content);
                    }
                    case BINARY -> binary(out, a, parsed, content);
                    case BINARY_SIZE -> binarySize(out, a, parsed, content);
                    default -> throw new IllegalStateException(a.kind().toString());
                }
            }
            if (markSeen && !flagsWritten) {
                // RFC 9051 §6.4.5: a \Seen set by this FETCH is reported with it.
                out.append(first ? "" : " ").append("FLAGS ").append(info.flags().toString());
                selected.reported(info.uid(), info.modSeq());
                first = false;
            }
            if ((request.changedSince() >= 0 || c.session().condstore() && flagsWritten) && !modSeqWritten) {
                out.append(first ? "" : " ").append("MODSEQ (").append(info.modSeq()).append(')');
            }
            out.append(')').crlf();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MailStoreException e) {
            if (e.reason() != MailStoreException.Reason.NO_SUCH_MESSAGE) {
                throw e;
            }
            // Expunged by another session between listing and reading: left out (RFC 2180 §4.1.3).
        } finally {
            if (content != null) {
                content.release();
            }
        }
    }

    private static void section(ResponseWriter out, FetchAttribute a, MessageCache.Parsed parsed, MessageContent content)
            throws IOException {
        Optional<SectionData.Data> data = SectionData.of(a.section(), parsed.structure(), content);
        if (data.isEmpty()) {
            out.append("NIL");
            return;
        }
        writePartial(out, a, data.get().in(), data.get().size(), false);
    }

    private static void writePartial(ResponseWriter out, FetchAttribute a, InputStream in, long size, boolean binary)
            throws IOException {
        try (InputStream stream = in) {
            long start = 0;
            long length = size;
            if (a.partialStart() >= 0) {
                start = Math.min(a.partialStart(), size);
                length = Math.min(a.partialLength(), size - start);
                stream.skipNBytes(start);
            }
            out.literal(stream, length, binary);
        }
    }

    private static void binary(ResponseWriter out, FetchAttribute a, MessageCache.Parsed parsed, MessageContent content)
            throws IOException, ImapException {
        out.append("BINARY[").append(a.section().echo()).append(']');
        if (a.partialStart() >= 0) {
            out.append('<').append(a.partialStart()).append('>');
        }
        out.append(' ');
        if (a.section().isTopLevel()) {
            writePartial(out, a, content.open(), content.size(), true);
            return;
        }
        Optional<MimePart> part = parsed.structure().find(a.section().part());
        if (part.isEmpty()) {
            out.append("NIL");
            return;
        }
        if (!MimeContent.canDecode(part.get())) {
            throw ImapException.no("UNKNOWN-CTE", "Unknown Content-Transfer-Encoding " + part.get().transferEncoding());
        }
        long size = MimeContent.decodedSize(part.get(), content);
        writePartial(out, a, MimeContent.decodedBody(part.get(), content), size, true);
    }

    private static void binarySize(ResponseWriter out, FetchAttribute a, MessageCache.Parsed parsed, MessageContent content)
            throws IOException, ImapException {
        out.append("BINARY.SIZE[").append(a.section().echo()).append("] ");
        if (a.section().isTopLevel()) {
            out.append(content.size());
            return;
        }
        Optional<MimePart> part = parsed.structure().find(a.section().part());
        if (part.isEmpty()) {
            out.append("NIL");
            return;
        }
        try {
            out.append(MimeContent.decodedSize(part.get(), content));
        } catch (UnknownEncodingException e) {
            throw ImapException.no("UNKNOWN-CTE", "Unknown Content-Transfer-Encoding " + part.get().transferEncoding());
        }
    }
}
