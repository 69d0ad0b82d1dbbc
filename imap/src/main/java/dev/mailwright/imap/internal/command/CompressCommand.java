package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** COMPRESS DEFLATE (RFC 4978): the OK goes out uncompressed, everything after it compressed. */
final class CompressCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        String mechanism = c.args().keyword();
        c.args().end();
        if (!mechanism.equals("DEFLATE")) {
            throw ImapException.bad("Unknown compression mechanism; DEFLATE is supported");
        }
        if (c.session().connection().isCompressed()) {
            throw ImapException.no("COMPRESSIONACTIVE", "Compression is already active");
        }
        c.out().flush();
        c.session().connection().startCompression((c.tag() + " OK DEFLATE active\r\n").getBytes(StandardCharsets.US_ASCII));
        c.replied();
    }
}
