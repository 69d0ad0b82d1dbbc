package dev.mailwright.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The "xtext" encoding of RFC 3461 §4, used by the ENVID, ORCPT and AUTH parameters:
 * printable ASCII except '+' and '=' stands for itself, every other octet is {@code +XX}
 * with two upper-case hex digits. Text is encoded as UTF-8 octets and decoded strictly
 * as UTF-8.
 */
public final class XText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private XText() {
    }

    /** The xtext form of {@code value}. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int octet = b & 0xFF;
            if (isXchar(octet)) {
                out.append((char) octet);
            } else {
                out.append('+').append(HEX[octet >> 4]).append(HEX[octet & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes xtext.
     *
     * @throws IllegalArgumentException with a one-line reason ({@code "invalid xtext: ..."}) when
     *     {@code xtext} is not valid xtext or does not decode to UTF-8
     */
    public static String decode(String xtext) {
        byte[] octets = new byte[xtext.length()];
        int length = 0;
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length() || !isUpperHex(xtext.charAt(i + 1)) || !isUpperHex(xtext.charAt(i + 2))) {
                    throw new IllegalArgumentException("invalid xtext: '+' must be followed by two upper-case hex digits");
                }
                octets[length++] = (byte) (Character.digit(xtext.charAt(i + 1), 16) << 4
                        | Character.digit(xtext.charAt(i + 2), 16));
                i += 2;
            } else if (isXchar(c)) {
                octets[length++] = (byte) c;
            } else {
                throw new IllegalArgumentException("invalid xtext: character " + Syntax.describe(c) + " must be encoded");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid xtext: decodes to invalid UTF-8");
        }
    }

    /** Whether {@link #decode} accepts {@code xtext}. */
    public static boolean isValid(String xtext) {
        try {
            decode(xtext);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** xchar: '!' to '~' except '+' and '='. */
    private static boolean isXchar(int c) {
        return c >= '!' && c <= '~' && c != '+' && c != '=';
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
