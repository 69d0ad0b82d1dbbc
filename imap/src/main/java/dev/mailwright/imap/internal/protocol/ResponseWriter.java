package dev.mailwright.imap.internal.protocol;

import dev.mailwright.core.net.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Builds responses in a buffer and hands them to the connection in large pieces, waiting
 * for the client to keep up when much is pending, so that many small FETCH responses cost
 * few writes and a slow reader never makes the server buffer a whole mailbox.
 *
 * <p>Used on the connection's worker only.
 */
public final class ResponseWriter {

    private static final int FLUSH_AT = 32 * 1024;
    private static final long MAX_PENDING = 256 * 1024;

    private final Connection connection;
    private final Duration writeTimeout;
    private byte[] buffer = new byte[1024];
    private int length;

    public ResponseWriter(Connection connection, Duration writeTimeout) {
        this.connection = connection;
        this.writeTimeout = writeTimeout;
    }

    /** A writer that only collects bytes, for response fragments computed once and cached. */
    public static ResponseWriter detached() {
        return new ResponseWriter(null, Duration.ZERO);
    }

    public ResponseWriter append(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public ResponseWriter append(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
        return this;
    }

    public ResponseWriter append(long n) {
        return append(Long.toString(n));
    }

    public ResponseWriter append(byte[] bytes) {
        return append(bytes, 0, bytes.length);
    }

    public ResponseWriter append(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        return this;
    }

    /** Text that may hold non-ASCII characters, as UTF-8. */
    public ResponseWriter utf8(String text) {
        return append(text.getBytes(StandardCharsets.UTF_8));
    }

    public ResponseWriter crlf() {
        ensure(2);
        buffer[length++] = '\r';
        buffer[length++] = '\n';
        if (length >= FLUSH_AT && connection != null) {
            flush();
        }
        return this;
    }

    /** A string as a quoted string when it can be one, else as a literal; UTF-8. */
    public ResponseWriter string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    public ResponseWriter string(byte[] bytes) {
        if (bytes.length <= 1024 && quotable(bytes)) {
            ensure(bytes.length * 2 + 2);
            buffer[length++] = '"';
            for (byte b : bytes) {
                if (b == '"' || b == '\\') {
                    buffer[length++] = '\\';
                }
                buffer[length++] = b;
            }
            buffer[length++] = '"';
            return this;
        }
        return literal(bytes);
    }

    /** NIL for null, else a string. */
    public ResponseWriter nstring(String s) {
        return s == null ? append("NIL") : string(s);
    }

    /** An astring: an atom when possible, else a string. */
    public ResponseWriter astring(String s) {
        if (Syntax.isAtom(s) && !s.equalsIgnoreCase("NIL")) {
            return append(s);
        }
        return string(s);
    }

    public ResponseWriter literal(byte[] bytes) {
        append('{').append(bytes.length).append("}\r\n");
        return append(bytes);
    }

    /** A literal whose bytes come from a stream, sent in flow-controlled chunks. */
    public ResponseWriter literal(InputStream in, long size, boolean binary) throws IOException {
        if (binary) {
            append('~');
        }
        append('{').append(size).append("}\r\n");
        if (size <= 64 * 1024) {
            byte[] bytes = in.readNBytes((int) size);
            if (bytes.length != size) {
                throw new IOException("message shorter than its size");
            }
            return append(bytes);
        }
        flush();
        InputStream limited = new java.io.FilterInputStream(in) {
            long left = size;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
        connection.writeStream(limited);
        return this;
    }

    private static boolean quotable(byte[] bytes) {
        for (byte b : bytes) {
            // 8-bit text goes as a literal, which every client reads, IMAP4rev1 ones included.
            if (b == '\r' || b == '\n' || b == 0 || b < 0) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int n) {
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
        }
    }

    /** Hands the buffered bytes to the connection, waiting if the client is far behind. */
    public void flush() {
        if (length == 0) {
            return;
        }
        connection.write(Arrays.copyOf(buffer, length));
        length = 0;
        if (buffer.length > 256 * 1024) {
            buffer = new byte[1024];
        }
        if (connection.pendingWriteBytes() > MAX_PENDING) {
            try {
                if (!connection.awaitWritable(MAX_PENDING, writeTimeout)) {
                    connection.closeNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                connection.closeNow();
            }
        }
    }

    /** Takes the buffered bytes without sending them (for replies that switch the stream, like STARTTLS). */
    public byte[] take() {
        byte[] out = Arrays.copyOf(buffer, length);
        length = 0;
        return out;
    }

    public int buffered() {
        return length;
    }
}
