package dev.mailwright.imap.internal.mailbox;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.imap.internal.protocol.ImapException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Mailbox names between the wire and the store: modified UTF-7 for IMAP4rev1 clients,
 * UTF-8 once a client enabled IMAP4rev2 or UTF8=ACCEPT (RFC 9051 §5.1, RFC 6855 §3), and
 * in both cases the store's {@link MailboxName} validation after decoding, so that
 * {@code ..}, a leading {@code /}, {@code ~} or control characters are refused however
 * they were spelled.
 */
public final class MailboxNames {

    private MailboxNames() {}

    /** The wire form of a name as the client wrote it. */
    public static String decodeText(byte[] wire, boolean utf8) throws ImapException {
        if (utf8) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(wire)).toString();
            } catch (CharacterCodingException e) {
                throw ImapException.no("CANNOT", "Mailbox name is not valid UTF-8");
            }
        }
        String ascii = new String(wire, StandardCharsets.ISO_8859_1);
        try {
            return ModifiedUtf7.decode(ascii);
        } catch (ModifiedUtf7.MalformedException e) {
            throw ImapException.no("CANNOT", "Mailbox name is not valid modified UTF-7: " + e.getMessage());
        }
    }

    /** Decodes and validates a name. */
    public static MailboxName decode(byte[] wire, boolean utf8) throws ImapException {
        return validate(decodeText(wire, utf8));
    }

    /** Validates a decoded name. */
    public static MailboxName validate(String name) throws ImapException {
        try {
            return MailboxName.of(name);
        } catch (MailStoreException e) {
            throw ImapException.no("CANNOT", "Invalid mailbox name: " + e.getMessage().replaceFirst("^invalid mailbox name: ", ""));
        }
    }

    /** The wire form of a name for this client. */
    public static String encode(MailboxName name, boolean utf8) {
        return encode(name.toString(), utf8);
    }

    public static String encode(String name, boolean utf8) {
        return utf8 ? name : ModifiedUtf7.encode(name);
    }
}
