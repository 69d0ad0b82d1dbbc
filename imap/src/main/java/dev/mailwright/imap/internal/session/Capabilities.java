package dev.mailwright.imap.internal.session;

import java.util.StringJoiner;

/**
 * The capability list a session advertises, which depends on its state: before login it
 * shows how to log in (STARTTLS, LOGINDISABLED, AUTH=PLAIN), after login the extensions.
 */
public final class Capabilities {

    private Capabilities() {}

    public static String of(ImapSession session) {
        ImapEngine engine = session.engine();
        StringJoiner caps = new StringJoiner(" ");
        caps.add("IMAP4rev1").add("IMAP4rev2");
        caps.add(engine.literalPlus() ? "LITERAL+" : "LITERAL-");
        caps.add("SASL-IR").add("ID").add("ENABLE");
        if (session.state() == SessionState.NOT_AUTHENTICATED) {
            if (session.connection().canStartTls()) {
                caps.add("STARTTLS");
            }
            if (loginAllowed(session)) {
                caps.add("AUTH=PLAIN");
            } else {
                caps.add("LOGINDISABLED");
            }
            return caps.toString();
        }
        caps.add("IDLE").add("UIDPLUS").add("MOVE").add("NAMESPACE").add("UNSELECT").add("CHILDREN")
                .add("SPECIAL-USE").add("CREATE-SPECIAL-USE")
                .add("CONDSTORE").add("QRESYNC")
                .add("LIST-EXTENDED").add("LIST-STATUS").add("ESEARCH").add("SEARCHRES")
                .add("SORT").add("THREAD=ORDEREDSUBJECT").add("THREAD=REFERENCES")
                .add("QUOTA").add("QUOTA=RES-STORAGE").add("QUOTA=RES-MESSAGE")
                .add("APPENDLIMIT=" + engine.limits().appendLimit())
                .add("BINARY").add("UTF8=ACCEPT").add("STATUS=SIZE");
        if (!session.connection().isCompressed()) {
            caps.add("COMPRESS=DEFLATE");
        }
        return caps.toString();
    }

    /** Whether passwords may be sent: over TLS, or when the server allows plaintext logins. */
    public static boolean loginAllowed(ImapSession session) {
        return session.connection().isSecure() || session.engine().loginWithoutTls();
    }
}
