package dev.mailwright.imap.internal.search;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.Headers;
import dev.mailwright.core.mime.MimeContent;
import dev.mailwright.core.mime.MimePart;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.imap.internal.fetch.MessageCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One message as search and sort see it: the store's metadata at once, the parsed header
 * and body text only when a criterion asks for them. Holds the message bytes at most until
 * {@link #release()}.
 */
public final class MessageView {

    /** Body text read per part, and in all, so a huge message costs bounded work. */
    static final int MAX_PART_CHARS = 1 << 20;
    static final int MAX_TEXT_CHARS = 4 << 20;

    private final MessageInfo info;
    private final int seq;
    private final Mailbox mailbox;
    private final MessageCache cache;
    private final MessageCache.Key key;
    private MessageContent content;
    private MessageCache.Parsed parsed;
    private String bodyText;

    public MessageView(MessageInfo info, int seq, Mailbox mailbox, MessageCache cache, MessageCache.Key key) {
        this.info = info;
        this.seq = seq;
        this.mailbox = mailbox;
        this.cache = cache;
        this.key = key;
    }

    public MessageInfo info() {
        return info;
    }

    public int seq() {
        return seq;
    }

    private MessageContent content() {
        if (content == null) {
            content = mailbox.content(info.uid());
        }
        return content;
    }

    private MessageCache.Parsed parsed() {
        if (parsed == null) {
            parsed = cache.getIfPresent(key);
            if (parsed == null) {
                var stored = mailbox.storedStructure(info.uid());
                parsed = stored.isPresent() ? cache.get(key, stored.get()) : cache.get(key, content());
            }
        }
        return parsed;
    }

    /** The top-level header. */
    public Headers headers() {
        return parsed().structure().root().headers();
    }

    /** The first value of a header field, decoded, or null. */
    public String header(String name) {
        return headers().first(name).map(HeaderField::decodedValue).orElse(null);
    }

    /** The raw (undecoded) first value of a header field, or null. */
    public String rawHeader(String name) {
        return headers().first(name).map(HeaderField::value).orElse(null);
    }

    /** Whether any field named {@code name} contains {@code lowerNeedle} (already lower-cased), ignoring case. */
    public boolean headerContains(String name, String lowerNeedle) {
        for (HeaderField field : headers().all(name)) {
            if (lowerNeedle.isEmpty() || field.decodedValue().toLowerCase(Locale.ROOT).contains(lowerNeedle)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any header field's name or value contains the text. */
    public boolean anyHeaderContains(String lowerNeedle) {
        for (HeaderField field : headers()) {
            if ((field.name() + ": " + field.decodedValue()).toLowerCase(Locale.ROOT).contains(lowerNeedle)) {
                return true;
            }
        }
        return false;
    }

    /** The text of the message's text parts, decoded and lower-cased, within the limits. */
    public String bodyText() {
        if (bodyText == null) {
            StringBuilder b = new StringBuilder();
            try {
                collect(parsed().structure().root(), b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bodyText = b.toString().toLowerCase(Locale.ROOT);
        }
        return bodyText;
    }

    private void collect(MimePart part, StringBuilder out) throws IOException {
        if (out.length() >= MAX_TEXT_CHARS) {
            return;
        }
        if (part.isMultipart()) {
            for (MimePart child : part.children()) {
                collect(child, out);
            }
        } else if (part.isMessage()) {
            MimePart inner = part.message().orElseThrow();
            for (HeaderField field : inner.headers()) {
                out.append(field.name()).append(": ").append(field.decodedValue()).append('\n');
            }
            collect(inner, out);
        } else if (part.type().equals("text")) {
            int room = Math.min(MAX_PART_CHARS, MAX_TEXT_CHARS - out.length());
            out.append(MimeContent.text(part, content(), room)).append('\n');
        }
    }

    public void release() {
        if (content != null) {
            content.release();
            content = null;
        }
    }
}
