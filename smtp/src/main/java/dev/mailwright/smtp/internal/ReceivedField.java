package dev.mailwright.smtp.internal;

import dev.mailwright.core.IpLiteral;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.TlsInfo;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The trace field the engine puts on top of every accepted message (RFC 5321 §4.4), with the
 * protocol types of RFC 3848 and RFC 6531 and a comment naming the TLS protocol and cipher:
 *
 * <pre>
 * Received: from client.example (mail.client.example [192.0.2.1])
 *         (using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256)
 *         by mx.example with ESMTPS id 3KX2-1
 *         for &lt;user@example.com&gt;; Tue, 1 Jul 2025 10:00:00 +0000
 * </pre>
 */
final class ReceivedField {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int MAX_HELO = 255;

    /** Everything the field says. */
    record Facts(String helo, Optional<String> clientName, InetAddress clientAddress, String host, String protocol,
                 Optional<TlsInfo> tls, String id, Optional<MailAddress> onlyRecipient, ZonedDateTime when) {
    }

    private ReceivedField() {
    }

    /**
     * The protocol type: SMTP, ESMTP or LMTP, with UTF8 in front for SMTPUTF8 and S (TLS) and
     * A (authenticated) after, as registered by RFC 3848 and RFC 6531.
     */
    static String protocol(boolean lmtp, boolean esmtp, boolean utf8, boolean tls, boolean authenticated) {
        String base = lmtp ? "LMTP" : utf8 ? "SMTP" : esmtp || tls || authenticated ? "ESMTP" : "SMTP";
        return (utf8 ? "UTF8" : "") + base + (tls ? "S" : "") + (authenticated ? "A" : "");
    }

    static byte[] format(Facts f) {
        StringBuilder out = new StringBuilder(256);
        out.append("Received: from ").append(clean(f.helo()))
                .append(" (").append(f.clientName().map(ReceivedField::clean).orElse("unknown"))
                .append(' ').append(literal(f.clientAddress())).append(')');
        f.tls().ifPresent(t -> out.append("\r\n\t(using ").append(t.protocol()).append(" with cipher ")
                .append(t.cipherSuite()).append(')'));
        out.append("\r\n\tby ").append(f.host()).append(" with ").append(f.protocol()).append(" id ").append(f.id());
        f.onlyRecipient().ifPresent(r -> out.append("\r\n\tfor <").append(r).append('>'));
        out.append(";\r\n\t").append(DATE.format(f.when())).append("\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 5321 address-literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    static String literal(InetAddress address) {
        String text = IpLiteral.format(address);
        return address instanceof Inet6Address ? "[IPv6:" + text + "]" : "[" + text + "]";
    }

    /**
     * The client chose its HELO name: keep printable characters, replace anything that
     * could break the field's structure (controls, parentheses, semicolons, brackets).
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_HELO));
        for (int i = 0; i < text.length() && out.length() < MAX_HELO; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean bad = cp < 0x21 || cp == 0x7F || cp == '(' || cp == ')' || cp == ';' || cp == '\\'
                    || (cp >= 0x80 && cp < 0xA0) || !Character.isDefined(cp);
            out.appendCodePoint(bad ? '?' : cp);
        }
        return out.length() == 0 ? "unknown" : out.toString();
    }
}
