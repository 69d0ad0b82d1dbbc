package dev.mailwright.core.store.maildir;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The text form of log lines: space-separated fields, then {@code *} and a CRC-32C of
 * everything before it, so that a torn or garbled line is recognised. File names are
 * written with bytes outside {@code !}..{@code ~} (and {@code %}, {@code *}) as
 * {@code %XX}.
 *
 * <pre>
 * MAILWRIGHT-LOG 1 &lt;generation&gt; &lt;uidvalidity&gt; &lt;counters&gt; *crc     (first line)
 * A &lt;counters&gt; &lt;uid&gt; &lt;size&gt; &lt;internal date ms&gt; &lt;base&gt; =&lt;info&gt; *crc
 * F &lt;counters&gt; &lt;uid&gt; =&lt;info&gt; *crc
 * X &lt;counters&gt; &lt;uid&gt; *crc
 * S &lt;counters&gt; &lt;new/ mtime ns&gt; &lt;cur/ mtime ns&gt; *crc
 * C &lt;counters&gt; &lt;next generation&gt; *crc
 * </pre>
 * where {@code <counters>} is highest MODSEQ, next UID, messages, bytes, unseen, deleted.
 */
final class LogCodec {

    static final String MAGIC = "MAILWRIGHT-LOG";
    static final int VERSION = 1;

    /** A log's first line. */
    record Header(long generation, long uidValidity, Counters counters) {}

    private LogCodec() {}

    static String header(Header header) {
        StringBuilder b = new StringBuilder(MAGIC).append(' ').append(VERSION).append(' ')
                .append(header.generation()).append(' ').append(header.uidValidity());
        counters(b, header.counters());
        return seal(b);
    }

    static Header parseHeader(String line) {
        String[] f = fields(line);
        if (f.length != 10 || !f[0].equals(MAGIC) || !f[1].equals(String.valueOf(VERSION))) {
            throw new IllegalArgumentException("not a log header");
        }
        return new Header(number(f[2]), number(f[3]), counters(f, 4));
    }

    static String encode(LogRecord record) {
        StringBuilder b = new StringBuilder(96);
        if (record instanceof LogRecord.Added a) {
            b.append('A');
            counters(b, a.counters());
            b.append(' ').append(a.uid()).append(' ').append(a.size()).append(' ').append(a.internalDate())
                    .append(' ').append(escape(a.base())).append(" =").append(escape(a.info()));
        } else if (record instanceof LogRecord.FlagsChanged f) {
            b.append('F');
            counters(b, f.counters());
            b.append(' ').append(f.uid()).append(" =").append(escape(f.info()));
        } else if (record instanceof LogRecord.Expunged x) {
            b.append('X');
            counters(b, x.counters());
            b.append(' ').append(x.uid());
        } else if (record instanceof LogRecord.Stamp s) {
            b.append('S');
            counters(b, s.counters());
            b.append(' ').append(s.newMtime()).append(' ').append(s.curMtime());
        } else if (record instanceof LogRecord.Compacting c) {
            b.append('C');
            counters(b, c.counters());
            b.append(' ').append(c.generation());
        } else {
            throw new IllegalArgumentException("unknown record " + record);
        }
        return seal(b);
    }

    /**
     * Parses one line (without its line feed).
     *
     * @throws IllegalArgumentException if the line is torn, garbled or unknown
     */
    static LogRecord decode(String line) {
        String[] f = fields(line);
        if (f.length < 7 || f[0].length() != 1) {
            throw new IllegalArgumentException("malformed record");
        }
        Counters counters = counters(f, 1);
        return switch (f[0].charAt(0)) {
            case 'A' -> {
                expect(f, 12);
                yield new LogRecord.Added(counters, number(f[7]), number(f[8]), number(f[9]), unescape(f[10]), info(f[11]));
            }
            case 'F' -> {
                expect(f, 9);
                yield new LogRecord.FlagsChanged(counters, number(f[7]), info(f[8]));
            }
            case 'X' -> {
                expect(f, 8);
                yield new LogRecord.Expunged(counters, number(f[7]));
            }
            case 'S' -> {
                expect(f, 9);
                yield new LogRecord.Stamp(counters, Long.parseLong(f[7]), Long.parseLong(f[8]));
            }
            case 'C' -> {
                expect(f, 8);
                yield new LogRecord.Compacting(counters, number(f[7]));
            }
            default -> throw new IllegalArgumentException("unknown record type " + f[0]);
        };
    }

    /** Appends {@code " *<crc>\n"}. */
    static String seal(StringBuilder payload) {
        String text = payload.toString();
        return text + " *" + String.format("%08x", crc(text)) + "\n";
    }

    /** The payload of a sealed line, after checking its CRC. */
    static String unseal(String line) {
        int star = line.lastIndexOf(" *");
        if (star < 0 || line.length() != star + 10) {
            throw new IllegalArgumentException("line without a checksum");
        }
        String payload = line.substring(0, star);
        long expected;
        try {
            expected = Long.parseLong(line.substring(star + 2), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad checksum field");
        }
        if (crc(payload) != expected) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        return payload;
    }

    static long crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    static String escape(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b > 0x20 && b < 0x7f && b != '%' && b != '*') {
                out.append((char) b);
            } else {
                out.append('%').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                out[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    static long number(String field) {
        long n = Long.parseLong(field);
        if (n < 0) {
            throw new IllegalArgumentException("negative number");
        }
        return n;
    }

    private static String info(String field) {
        if (!field.startsWith("=")) {
            throw new IllegalArgumentException("malformed info field");
        }
        return unescape(field.substring(1));
    }

    private static void counters(StringBuilder b, Counters c) {
        b.append(' ').append(c.highestModSeq()).append(' ').append(c.nextUid()).append(' ').append(c.messages())
                .append(' ').append(c.bytes()).append(' ').append(c.unseen()).append(' ').append(c.deleted());
    }

    private static Counters counters(String[] f, int at) {
        return new Counters(number(f[at]), number(f[at + 1]), number(f[at + 2]), number(f[at + 3]),
                number(f[at + 4]), number(f[at + 5]));
    }

    private static String[] fields(String line) {
        return unseal(line).split(" ", -1);
    }

    private static void expect(String[] f, int count) {
        if (f.length != count) {
            throw new IllegalArgumentException("wrong number of fields");
        }
    }
}
