package dev.mailwright.auth;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.AddressList;
import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.HeaderLimits;
import dev.mailwright.core.mime.Headers;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A message prepared once for every check: its header section parsed (with the exact bytes DKIM
 * needs), its DKIM-Signature fields found, and its author (RFC 5322 From) read the way DMARC must
 * read it. The body is not read here; DKIM streams it from the content when it verifies.
 *
 * <p>DMARC needs exactly one author domain. A message with no From field, several From fields,
 * several addresses in its From field, or a From field that does not parse has none; {@link
 * #fromProblem()} says which, and DMARC gives such a message a failing result.
 */
public final class AuthenticatedMessage {

    private final MessageContent content;
    private final Headers headers;
    private final List<HeaderField> dkimSignatures;
    private final int fromFields;
    private final List<String> fromAddresses;
    private final String fromDomain;
    private final String fromProblem;

    private AuthenticatedMessage(MessageContent content, Headers headers) {
        this.content = content;
        this.headers = headers;
        this.dkimSignatures = headers.all("DKIM-Signature");
        List<HeaderField> from = headers.all("From");
        this.fromFields = from.size();
        List<String> addresses = new ArrayList<>();
        String domain = null;
        String problem;
        if (from.isEmpty()) {
            problem = "no From field";
        } else if (from.size() > 1) {
            problem = from.size() + " From fields";
            for (HeaderField field : from) {
                AddressList.parse(field.value(), 16).mailboxes().forEach(m -> addresses.add(m.address()));
            }
        } else {
            AddressList.Result parsed = AddressList.parse(from.get(0).value(), 16);
            parsed.mailboxes().forEach(m -> addresses.add(m.address()));
            if (!parsed.valid()) {
                problem = "the From field does not parse";
            } else if (parsed.mailboxes().size() != 1) {
                problem = parsed.mailboxes().size() + " addresses in From";
            } else {
                domain = authorDomain(parsed.mailboxes().get(0).domain());
                problem = domain == null ? "the From address has no usable domain" : "";
            }
        }
        this.fromAddresses = List.copyOf(addresses);
        this.fromDomain = domain;
        this.fromProblem = problem;
    }

    /**
     * Parses the header section of {@code content}; the content is kept (not copied) for DKIM to
     * stream the body from, and must stay readable while this object is used.
     *
     * @throws IOException if the content cannot be read or its header section breaks {@code limits}
     *                     ({@link dev.mailwright.core.mime.HeaderLimitException})
     */
    public static AuthenticatedMessage parse(MessageContent content, HeaderLimits limits) throws IOException {
        Objects.requireNonNull(content, "content");
        InputStream opened = content.open();
        // Headers reads a stream that can mark in blocks; content in memory already can.
        try (InputStream in = opened.markSupported() ? opened : new BufferedInputStream(opened, 16 * 1024)) {
            return new AuthenticatedMessage(content, Headers.parse(in, limits));
        }
    }

    /** {@link #parse(MessageContent, HeaderLimits)} with {@link HeaderLimits#DEFAULT}. */
    public static AuthenticatedMessage parse(MessageContent content) throws IOException {
        return parse(content, HeaderLimits.DEFAULT);
    }

    /** A message held in memory; the array is copied. */
    public static AuthenticatedMessage parse(byte[] message) throws IOException {
        return parse(MessageContent.of(message));
    }

    /** The whole message. */
    public MessageContent content() {
        return content;
    }

    /** The header section, every field with its exact bytes. */
    public Headers headers() {
        return headers;
    }

    /** Where the body starts in {@link #content()}. */
    public long bodyOffset() {
        return headers.byteLength();
    }

    /** A stream over the body alone; the caller closes it. */
    public InputStream openBody() throws IOException {
        InputStream in = content.open();
        in.skipNBytes(Math.min(bodyOffset(), content.size()));
        return in;
    }

    /** The DKIM-Signature fields, top first. */
    public List<HeaderField> dkimSignatures() {
        return dkimSignatures;
    }

    /** How many From fields the message has. */
    public int fromFieldCount() {
        return fromFields;
    }

    /** The addresses found in the From fields, for reports. */
    public List<String> fromAddresses() {
        return fromAddresses;
    }

    /**
     * The author domain (lower case, A-labels, no trailing dot) when the message has exactly one
     * From field holding exactly one address; empty otherwise.
     */
    public Optional<String> fromDomain() {
        return Optional.ofNullable(fromDomain);
    }

    /** Why there is no author domain, e.g. {@code "2 From fields"}; empty when there is one. */
    public String fromProblem() {
        return fromProblem;
    }

    private static String authorDomain(String domain) {
        if (domain.isEmpty() || domain.startsWith("[")) {
            return null;
        }
        String ascii = domain;
        try {
            ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        return ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..") ? null : ascii;
    }

    @Override
    public String toString() {
        return "AuthenticatedMessage[" + headers.size() + " fields, " + dkimSignatures.size() + " signatures, "
                + content.size() + " bytes]";
    }
}
