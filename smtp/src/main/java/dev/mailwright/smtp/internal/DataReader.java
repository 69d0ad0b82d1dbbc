package dev.mailwright.smtp.internal;

import dev.mailwright.core.net.Input;

/**
 * Reads a DATA body (RFC 5321 §4.1.1.4, §4.5.2): removes the dot-stuffing and finds the end,
 * which is {@code <CRLF>.<CRLF>} and nothing else. A bare CR or bare LF anywhere (the SMTP
 * smuggling family: {@code <LF>.<LF>}, {@code <CR>.<CR>}, {@code <LF>.<CR><LF>} and the
 * rest) never ends the message; it is remembered so that the message can be refused once
 * its real end has come. Runs of ordinary bytes go to the sink in one call.
 */
final class DataReader implements Input.Reader {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CR_ONLY = {CR};

    private enum State {
        /** Right after CRLF, or at the very start: a dot here is special. */
        LINE_START,
        /** Inside a line. */
        TEXT,
        /** After a CR inside a line. */
        CR_SEEN,
        /** After a dot at a line start, which has been dropped. */
        DOT,
        /** After {@code .CR} at a line start; the CR is held back until we know it is not the end. */
        DOT_CR
    }

    private final MessageSink sink;
    private State state = State.LINE_START;
    private boolean done;
    private boolean bareNewline;

    DataReader(MessageSink sink) {
        this.sink = sink;
    }

    /** Whether the final {@code <CRLF>.<CRLF>} has been read. */
    boolean isDone() {
        return done;
    }

    /** Whether a CR or LF appeared outside a CRLF pair. */
    boolean sawBareNewline() {
        return bareNewline;
    }

    @Override
    public int read(byte[] buf, int offset, int length) {
        int end = offset + length;
        int run = offset;
        int i = offset;
        while (i < end) {
            switch (state) {
                case TEXT -> {
                    while (i < end && buf[i] != CR && buf[i] != LF) {
                        i++;
                    }
                    if (i < end) {
                        if (buf[i] == CR) {
                            state = State.CR_SEEN;
                        } else {
                            bareNewline = true;
                        }
                        i++;
                    }
                }
                case CR_SEEN -> {
                    byte b = buf[i++];
                    if (b == LF) {
                        state = State.LINE_START;
                    } else {
                        bareNewline = true;
                        state = b == CR ? State.CR_SEEN : State.TEXT;
                    }
                }
                case LINE_START -> {
                    byte b = buf[i];
                    if (b == '.') {
                        sink.write(buf, run, i - run);
                        i++;
                        run = i;
                        state = State.DOT;
                    } else {
                        state = State.TEXT;
                    }
                }
                case DOT -> {
                    if (buf[i] == CR) {
                        i++;
                        run = i;
                        state = State.DOT_CR;
                    } else {
                        state = State.TEXT;
                    }
                }
                case DOT_CR -> {
                    if (buf[i] == LF) {
                        done = true;
                        return i + 1 - offset;
                    }
                    // ".<CR>x" at a line start: a bare CR, and not the end.
                    bareNewline = true;
                    sink.write(CR_ONLY, 0, 1);
                    state = State.TEXT;
                }
            }
        }
        sink.write(buf, run, end - run);
        return length;
    }
}
