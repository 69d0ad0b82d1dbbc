package dev.mailwright.imap.internal.command;

import dev.mailwright.core.net.Input;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.ImapSession;
import dev.mailwright.imap.internal.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * AUTHENTICATE PLAIN (RFC 4616), with the initial response on the command line (SASL-IR,
 * RFC 4959) or after a continuation request. A client cancels with {@code *}.
 */
final class AuthenticateCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        String mechanism = c.args().keyword();
        String initial = null;
        if (c.args().tryChar(' ')) {
            initial = c.args().charsWhile(ch -> ch > ' ' && ch < 0x7f);
            if (initial.isEmpty()) {
                throw ImapException.bad("Expected an initial response");
            }
        }
        c.args().end();
        if (!mechanism.equals("PLAIN")) {
            throw ImapException.no("CANNOT", "Unsupported authentication mechanism; PLAIN is supported");
        }
        Authentication.requireSafeChannel(c.session());
        ImapSession session = c.session();
        c.suspend();
        if (initial != null) {
            respond(session, initial.equals("=") ? "" : initial);
            return;
        }
        session.out().append("+ ").crlf();
        session.out().flush();
        session.expectLine(line -> onLine(session, line));
    }

    private static void onLine(ImapSession session, Input.Line line) {
        if (line.tooLong()) {
            session.complete(ImapException.bad("SASL response too long"), null, null);
            return;
        }
        String text = line.latin1();
        if (text.equals("*")) {
            session.complete(ImapException.bad("Authentication cancelled"), null, null);
            return;
        }
        respond(session, text);
    }

    private static void respond(ImapSession session, String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            session.complete(ImapException.bad("Invalid base64 in SASL response"), null, null);
            return;
        }
        // authzid NUL authcid NUL passwd
        int first = indexOf(decoded, 0);
        int second = first < 0 ? -1 : indexOf(decoded, first + 1);
        if (first < 0 || second < 0 || indexOf(decoded, second + 1) >= 0) {
            session.complete(ImapException.bad("Malformed PLAIN response"), null, null);
            return;
        }
        String authzid = new String(decoded, 0, first, StandardCharsets.UTF_8);
        String user = new String(decoded, first + 1, second - first - 1, StandardCharsets.UTF_8);
        String password = new String(decoded, second + 1, decoded.length - second - 1, StandardCharsets.UTF_8);
        java.util.Arrays.fill(decoded, (byte) 0);
        if (!authzid.isEmpty() && !authzid.equals(user)) {
            // Acting for another account is not offered; it fails like bad credentials.
            Authentication.attempt(session, "", "");
            return;
        }
        Authentication.attempt(session, user, password);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
