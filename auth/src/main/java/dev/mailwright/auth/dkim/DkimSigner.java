package dev.mailwright.auth.dkim;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.HeaderField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signs messages for one domain and selector (RFC 6376 §5) with relaxed/relaxed canonicalisation.
 * Immutable and thread-safe.
 *
 * <p>Every header field named in {@link Builder#headers} is over-signed: {@code h=} lists it once
 * more than the message holds it (once when absent), so that nobody can add such a field after
 * signing without breaking the signature. The body length tag {@code l=} is never used. The
 * signature carries {@code t=}, and {@code x=} when an expiry is set.
 *
 * <pre>{@code
 * DkimSigner signer = DkimSigner.builder("example.org", "mail", DkimSigningKey.read(keyFile)).build();
 * MessageContent signed = signer.signed(content);
 * }</pre>
 */
public final class DkimSigner {

    /** The fields signed by default: the author, recipients, subject, date, identity and MIME structure. */
    public static final List<String> DEFAULT_HEADERS = List.of("From", "To", "Cc", "Subject", "Date",
            "Message-ID", "Reply-To", "In-Reply-To", "References", "MIME-Version", "Content-Type",
            "Content-Transfer-Encoding");

    private static final int LINE_WIDTH = 76;

    private final String domain;
    private final String selector;
    private final DkimSigningKey key;
    private final List<String> headers;
    private final List<String> lowerHeaders;
    private final Clock clock;
    private final Duration expiry;

    private DkimSigner(Builder builder) {
        this.domain = builder.domain;
        this.selector = builder.selector;
        this.key = builder.key;
        this.headers = List.copyOf(builder.headers);
        this.lowerHeaders = headers.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        this.clock = builder.clock;
        this.expiry = builder.expiry;
    }

    private static final Pattern SIGNING_DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    /**
     * Whether {@code domain} can be a signature's {@code d=}: a lower-case A-label domain of at
     * least two labels (RFC 6376 §3.5). A single label such as {@code localhost} cannot.
     */
    public static boolean isSigningDomain(String domain) {
        return SIGNING_DOMAIN.matcher(domain).matches();
    }

    /** A builder for signatures with {@code d=domain}, {@code s=selector}, made with {@code key}. */
    public static Builder builder(String domain, String selector, DkimSigningKey key) {
        return new Builder(domain, selector, key);
    }

    /** The DKIM-Signature field for {@code message}, to be put on top of it. */
    public HeaderField sign(AuthenticatedMessage message) throws IOException {
        BodyCanonicalizer body = new BodyCanonicalizer(Canonicalization.RELAXED, Crypto.digest("SHA-256"), Long.MAX_VALUE);
        BodyCanonicalizer.readBody(message, List.of(body));
        byte[] bodyHash = body.finish();
        SignedData signedData = new SignedData(message.headers().fields());
        List<String> signed = new ArrayList<>();
        List<String> lowerNames = new ArrayList<>();
        for (int k = 0; k < headers.size(); k++) {
            String lower = lowerHeaders.get(k);
            int present = signedData.count(lower);
            for (int i = 0; i <= present; i++) {
                signed.add(headers.get(k));
                lowerNames.add(lower);
            }
        }
        long now = clock.instant().getEpochSecond();
        Folder field = new Folder("DKIM-Signature:");
        field.tag("v=1;");
        field.tag("a=" + key.algorithm().tag() + ";");
        field.tag("c=relaxed/relaxed;");
        field.tag("d=" + domain + ";");
        field.tag("s=" + selector + ";");
        field.tag("t=" + now + ";");
        if (expiry != null) {
            field.tag("x=" + (now + expiry.toSeconds()) + ";");
        }
        for (int i = 0; i < signed.size(); i++) {
            String piece = signed.get(i) + (i == signed.size() - 1 ? ";" : ":");
            if (i == 0) {
                field.tag("h=" + piece);
            } else {
                field.piece(piece);
            }
        }
        field.tag("bh=" + Base64.getEncoder().encodeToString(bodyHash) + ";");
        field.tag("b=");
        byte[] unsigned = (field.text() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] data = signedData.build(lowerNames, Canonicalization.RELAXED, unsigned);
        String signature = Base64.getEncoder().encodeToString(key.sign(data));
        for (int i = 0; i < signature.length(); i += 64) {
            field.piece(signature.substring(i, Math.min(signature.length(), i + 64)));
        }
        return HeaderField.ofRaw((field.text() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code content} with its DKIM-Signature field on top; the body is not copied. */
    public MessageContent signed(MessageContent content) throws IOException {
        HeaderField field = sign(AuthenticatedMessage.parse(content));
        return content.prepend(field.raw());
    }

    @Override
    public String toString() {
        return "DkimSigner[d=" + domain + ", s=" + selector + ", " + key.algorithm().tag() + "]";
    }

    /** Builds a field's text, folding before a piece that would pass the line width. */
    private static final class Folder {
        private final StringBuilder out;
        private int column;

        Folder(String start) {
            out = new StringBuilder(512).append(start);
            column = start.length();
        }

        /** A tag, after a space or a fold. */
        void tag(String text) {
            if (column + 1 + text.length() > LINE_WIDTH) {
                out.append("\r\n ");
                column = 1;
            } else {
                out.append(' ');
                column++;
            }
            out.append(text);
            column += text.length();
        }

        /** A piece that continues a value: directly, or after a fold. */
        void piece(String text) {
            if (column + text.length() > LINE_WIDTH) {
                out.append("\r\n ");
                column = 1;
            }
            out.append(text);
            column += text.length();
        }

        String text() {
            return out.toString();
        }
    }

    /** Settings, validated in {@link #build()}. */
    public static final class Builder {
        private final String domain;
        private final String selector;
        private final DkimSigningKey key;
        private List<String> headers = DEFAULT_HEADERS;
        private Clock clock = Clock.systemUTC();
        private Duration expiry;

        private Builder(String domain, String selector, DkimSigningKey key) {
            this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
            this.selector = Objects.requireNonNull(selector, "selector");
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The fields to sign (and over-sign); From is added if missing. Default {@link #DEFAULT_HEADERS}. */
        public Builder headers(List<String> headers) {
            this.headers = List.copyOf(headers);
            return this;
        }

        /** The time source of {@code t=}; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long signatures stay valid ({@code x=}); default no expiry. */
        public Builder expireAfter(Duration expiry) {
            this.expiry = Objects.requireNonNull(expiry, "expiry");
            return this;
        }

        /**
         * The signer.
         *
         * @throws IllegalArgumentException naming the first setting that is invalid
         */
        public DkimSigner build() {
            if (!isSigningDomain(domain)) {
                throw new IllegalArgumentException("dkim domain is not a domain name: " + domain);
            }
            if (!selector.matches("[A-Za-z0-9_]([A-Za-z0-9_-]*)(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*")) {
                throw new IllegalArgumentException("dkim selector is not a DNS label sequence: " + selector);
            }
            List<String> names = new ArrayList<>();
            boolean from = false;
            for (String name : headers) {
                if (!name.matches("[!-9;-~]+")) {
                    throw new IllegalArgumentException("dkim header name is invalid: '" + name + "'");
                }
                from |= name.equalsIgnoreCase("From");
                names.add(name);
            }
            if (!from) {
                names.add(0, "From");
            }
            headers = names;
            if (expiry != null && (expiry.isNegative() || expiry.isZero())) {
                throw new IllegalArgumentException("dkim expiry must be positive: " + expiry);
            }
            return new DkimSigner(this);
        }
    }
}
