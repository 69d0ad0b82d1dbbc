package dev.mailwright.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in header text.
 *
 * <p>Decoding is lenient where real mail needs it and never throws: words are recognised
 * anywhere in the text, not only between whitespace; adjacent words in the same charset are
 * joined as bytes before decoding, so a character split across two words (a common
 * generator bug) survives; whitespace between adjacent words is dropped (RFC 2047 §6.2). A
 * word with an unknown charset, malformed Q or base64 text, or a character outside US-ASCII
 * is kept literally.
 */
public final class EncodedWords {

    /** RFC 2047 §2: an encoded word is at most 75 characters. */
    static final int MAX_WORD_LENGTH = 75;
    /** RFC 2047 §2: a line holding an encoded word is at most 76 characters. */
    private static final int MAX_LINE_LENGTH = 76;
    private static final String Q_PREFIX = "=?UTF-8?Q?";
    private static final String B_PREFIX = "=?UTF-8?B?";
    private static final int MAX_TEXT = MAX_WORD_LENGTH - Q_PREFIX.length() - 2;
    /** Room for any one character: four UTF-8 bytes take 12 Q characters or 8 base64 ones. */
    private static final int MIN_FIRST_TEXT = 12;
    /** Base64 text is a multiple of four characters: 60 characters carry 45 bytes. */
    private static final int MAX_B_BYTES = MAX_TEXT / 4 * 3;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** RFC 2047 §2 especials: never part of a charset name. */
    private static final String ESPECIALS = "()<>@,;:\"/[]?.=\\";

    private EncodedWords() {
    }

    /** {@code text} with every valid encoded word decoded; text without one is returned as is. */
    public static String decode(String text) {
        int at = text.indexOf("=?");
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int emitted = 0;
        Charset pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (at >= 0) {
            Word word = Word.parse(text, at);
            if (word == null) {
                at = text.indexOf("=?", at + 2);
                continue;
            }
            boolean adjacent = pendingCharset != null && isLinearWhitespace(text, emitted, at);
            if (!adjacent || !word.charset.equals(pendingCharset)) {
                flush(out, pending, pendingCharset);
                if (!adjacent) {
                    out.append(text, emitted, at);
                }
                pendingCharset = word.charset;
            }
            pending.writeBytes(word.bytes);
            emitted = word.end;
            at = text.indexOf("=?", word.end);
        }
        flush(out, pending, pendingCharset);
        out.append(text, emitted, text.length());
        return out.toString();
    }

    /**
     * {@code text} ready for an unstructured header field or a display name: unchanged when
     * it is printable US-ASCII (SP and HTAB allowed) with nothing that reads as an encoded
     * word, otherwise UTF-8 encoded words, Q or B whichever is shorter, each at most 75
     * characters, never splitting a character, separated by single spaces.
     */
    public static String encode(String text) {
        return encode(text, MAX_LINE_LENGTH - MAX_WORD_LENGTH);
    }

    /**
     * {@link #encode(String)} with the first word sized to fit a 76-character line after
     * {@code usedOnFirstLine} characters, such as {@code name.length() + 2} for "{@code name: }",
     * so that {@link HeaderField#of} can keep it on the field's first line. If too little
     * room is left, the first word is full size and folding moves it to the next line.
     */
    public static String encode(String text, int usedOnFirstLine) {
        if (!needsEncoding(text)) {
            return text;
        }
        int room = MAX_LINE_LENGTH - Math.max(0, usedOnFirstLine) - Q_PREFIX.length() - 2;
        int firstCapacity = room >= MIN_FIRST_TEXT ? Math.min(room, MAX_TEXT) : MAX_TEXT;
        String q = encodeQ(text, firstCapacity);
        String b = encodeB(text, firstCapacity);
        return b.length() < q.length() ? b : q;
    }

    private static boolean needsEncoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return true;
            }
        }
        return text.contains("=?");
    }

    private static String encodeQ(String text, int firstCapacity) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        StringBuilder word = new StringBuilder(MAX_TEXT);
        int capacity = firstCapacity;
        StringBuilder symbol = new StringBuilder(12);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            symbol.setLength(0);
            for (byte b : utf8(cp)) {
                if (isQSafe(b)) {
                    symbol.append((char) b);
                } else if (b == ' ') {
                    symbol.append('_');
                } else {
                    symbol.append('=').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
                }
            }
            if (word.length() + symbol.length() > capacity) {
                appendWord(out, Q_PREFIX, word);
                word.setLength(0);
                capacity = MAX_TEXT;
            }
            word.append(symbol);
        }
        appendWord(out, Q_PREFIX, word);
        return out.toString();
    }

    private static String encodeB(String text, int firstCapacity) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        ByteArrayOutputStream word = new ByteArrayOutputStream(MAX_B_BYTES);
        int capacity = firstCapacity / 4 * 3;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            byte[] bytes = utf8(cp);
            if (word.size() + bytes.length > capacity) {
                appendWord(out, B_PREFIX, Base64.getEncoder().encodeToString(word.toByteArray()));
                word.reset();
                capacity = MAX_B_BYTES;
            }
            word.writeBytes(bytes);
        }
        appendWord(out, B_PREFIX, Base64.getEncoder().encodeToString(word.toByteArray()));
        return out.toString();
    }

    private static void appendWord(StringBuilder out, String prefix, CharSequence text) {
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(prefix).append(text).append("?=");
    }

    /** RFC 2047 §5 (3): characters a Q word may carry as themselves in any position, phrases included. */
    private static boolean isQSafe(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '!' || b == '*' || b == '+' || b == '-' || b == '/';
    }

    /** UTF-8 of one code point; an unpaired surrogate becomes U+FFFD. */
    private static byte[] utf8(int cp) {
        if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
            cp = 0xfffd;
        }
        return new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset charset) {
        if (pending.size() > 0 || charset != null) {
            out.append(new String(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static boolean isLinearWhitespace(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /** One syntactically valid, decodable encoded word starting at {@code start}. */
    private record Word(Charset charset, byte[] bytes, int end) {

        static Word parse(String text, int start) {
            int charsetEnd = text.indexOf('?', start + 2);
            if (charsetEnd < 0 || charsetEnd + 3 >= text.length() || text.charAt(charsetEnd + 2) != '?') {
                return null;
            }
            char encoding = text.charAt(charsetEnd + 1);
            int textStart = charsetEnd + 3;
            int textEnd = text.indexOf('?', textStart);
            if (textEnd < 0 || textEnd + 1 >= text.length() || text.charAt(textEnd + 1) != '=') {
                return null;
            }
            if (!isToken(text, start + 2, charsetEnd) || !isEncodedText(text, textStart, textEnd)) {
                return null;
            }
            Charset charset = charset(text.substring(start + 2, charsetEnd));
            if (charset == null) {
                return null;
            }
            String encoded = text.substring(textStart, textEnd);
            byte[] bytes = switch (encoding) {
                case 'B', 'b' -> base64(encoded);
                case 'Q', 'q' -> quoted(encoded);
                default -> null;
            };
            return bytes == null ? null : new Word(charset, bytes, textEnd + 2);
        }

        /** The charset named before any RFC 2231 {@code *language} suffix, or null. */
        private static Charset charset(String name) {
            int star = name.indexOf('*');
            String bare = star < 0 ? name : name.substring(0, star);
            try {
                return Charset.forName(bare);
            } catch (IllegalArgumentException unknownOrIllegal) {
                return null;
            }
        }

        private static boolean isToken(String text, int from, int to) {
            if (from == to) {
                return false;
            }
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c <= ' ' || c >= 0x7f || ESPECIALS.indexOf(c) >= 0) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isEncodedText(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c <= ' ' || c >= 0x7f) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] base64(String encoded) {
            try {
                return Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }

        private static byte[] quoted(String encoded) {
            byte[] out = new byte[encoded.length()];
            int n = 0;
            for (int i = 0; i < encoded.length(); i++) {
                char c = encoded.charAt(i);
                if (c == '_') {
                    out[n++] = ' ';
                } else if (c == '=') {
                    if (i + 2 >= encoded.length()) {
                        return null;
                    }
                    int hi = Character.digit(encoded.charAt(i + 1), 16);
                    int lo = Character.digit(encoded.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    out[n++] = (byte) (hi << 4 | lo);
                    i += 2;
                } else {
                    out[n++] = (byte) c;
                }
            }
            return Arrays.copyOf(out, n);
        }
    }
}
