package dev.mailwright.smtp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Writes a message for DATA (RFC 5321 §4.5.2): a dot at a line start is doubled, every line
 * ends in CRLF (a bare CR or LF becomes CRLF, so the client never sends the sequences SMTP
 * smuggling relies on), the content ends with CRLF, and {@code .CRLF} follows.
 */
final class DotStuffer {

    private DotStuffer() {
    }

    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] chunk = new byte[16384];
        byte[] buf = new byte[chunk.length * 2 + 2];
        boolean lineStart = true;
        boolean afterCr = false;
        int n;
        while ((n = in.read(chunk)) > 0) {
            int o = 0;
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (afterCr) {
                    afterCr = false;
                    buf[o++] = '\n';
                    lineStart = true;
                    if (b == '\n') {
                        continue;
                    }
                }
                if (b == '\r') {
                    buf[o++] = '\r';
                    afterCr = true;
                    continue;
                }
                if (b == '\n') {
                    buf[o++] = '\r';
                    buf[o++] = '\n';
                    lineStart = true;
                    continue;
                }
                if (lineStart && b == '.') {
                    buf[o++] = '.';
                }
                buf[o++] = b;
                lineStart = false;
            }
            out.write(buf, 0, o);
        }
        if (afterCr) {
            out.write('\n');
        } else if (!lineStart) {
            out.write(new byte[] {'\r', '\n'});
        }
        out.write(new byte[] {'.', '\r', '\n'});
    }
}
