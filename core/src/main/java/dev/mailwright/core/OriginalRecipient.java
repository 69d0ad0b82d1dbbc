package dev.mailwright.core;

import java.util.Locale;
import java.util.Objects;

/**
 * The ORCPT parameter of RCPT (RFC 3461 §4.2): the recipient address as the original
 * sender wrote it, carried for the DSN. The address travels as xtext for every address
 * type except {@code utf-8}, which uses the utf-8-addr-xtext / utf-8-addr-unitext forms
 * of RFC 6533 §3 ({@code \x{HEX}} escapes).
 *
 * @param addressType the address type, lower case ({@code rfc822}, {@code utf-8}, ...)
 * @param address the decoded address: printable ASCII, or for {@code utf-8} any text
 *     without control characters
 */
public record OriginalRecipient(String addressType, String address) {

    /** RFC 3461 §4.2: the parameter value is at most 500 characters. */
    public static final int MAX_LENGTH = 500;

    public static final String RFC822 = "rfc822";
    public static final String UTF8 = "utf-8";

    /**
     * Normalises the type to lower case and validates both parts.
     *
     * @throws ParameterException naming ORCPT
     */
    public OriginalRecipient {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        if (addressType.isEmpty() || !addressType.chars().allMatch(Syntax::isAtext)) {
            throw ParameterException.invalid("ORCPT", "address type must be an atom");
        }
        addressType = addressType.toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            throw ParameterException.invalid("ORCPT", "empty address");
        }
        boolean utf8 = addressType.equals(UTF8);
        for (int i = 0; i < address.length(); ) {
            int cp = address.codePointAt(i);
            boolean ok = cp < 0x80 ? cp >= 0x20 && cp < 0x7F : utf8 && Syntax.isAllowedNonAscii(cp);
            if (!ok) {
                throw ParameterException.invalid("ORCPT", "character " + Syntax.describe(cp) + " not allowed in "
                        + (utf8 ? "the address" : "a non-utf-8 address (printable ASCII only)"));
            }
            i += Character.charCount(cp);
        }
        if (addressType.length() + 1 + encodeAddress(utf8, address).length() > MAX_LENGTH) {
            throw ParameterException.invalid("ORCPT", "longer than " + MAX_LENGTH + " characters");
        }
    }

    /** The original recipient for an address: {@code utf-8} when it needs SMTPUTF8, else {@code rfc822}. */
    public static OriginalRecipient of(MailAddress address) {
        return address.isInternationalized()
                ? new OriginalRecipient(UTF8, address.toString())
                : new OriginalRecipient(RFC822, address.toAsciiString());
    }

    /**
     * Parses an ORCPT value, {@code addr-type ";" encoded-address}.
     *
     * @throws ParameterException naming ORCPT
     */
    public static OriginalRecipient parse(String value) {
        if (value.length() > MAX_LENGTH) {
            throw ParameterException.invalid("ORCPT", "longer than " + MAX_LENGTH + " characters");
        }
        int semicolon = value.indexOf(';');
        if (semicolon < 0) {
            throw ParameterException.invalid("ORCPT", "missing ';' after the address type");
        }
        String type = value.substring(0, semicolon);
        String encoded = value.substring(semicolon + 1);
        if (encoded.isEmpty()) {
            throw ParameterException.invalid("ORCPT", "empty address");
        }
        String address = type.equalsIgnoreCase(UTF8)
                ? decodeUtf8Address(encoded)
                : MailOptions.decodeXText("ORCPT", encoded);
        return new OriginalRecipient(type, address);
    }

    /** The ORCPT value for the wire; 7-bit in every case ({@code utf-8} uses utf-8-addr-xtext). */
    public String encode() {
        return addressType + ";" + encodeAddress(addressType.equals(UTF8), address);
    }

    private static String encodeAddress(boolean utf8, String address) {
        if (!utf8) {
            return XText.encode(address);
        }
        StringBuilder out = new StringBuilder(address.length() + 8);
        for (int i = 0; i < address.length(); ) {
            int cp = address.codePointAt(i);
            i += Character.charCount(cp);
            if (isQchar(cp)) {
                out.append((char) cp);
            } else {
                String hex = Integer.toHexString(cp).toUpperCase(Locale.ROOT);
                out.append("\\x{").append(hex.length() == 1 ? "0" + hex : hex).append('}');
            }
        }
        return out.toString();
    }

    /**
     * RFC 6533 utf-8-addr-xtext / utf-8-addr-unitext: QCHAR, UTF-8, and
     * {@code \x{HEXPOINT}} where HEXPOINT is the shortest hex form (two digits below
     * U+0100) of a character that needs the escape: an xtext special below U+0080, or a
     * non-ASCII scalar value.
     */
    private static String decodeUtf8Address(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); ) {
            int cp = encoded.codePointAt(i);
            if (cp == '\\') {
                int close = encoded.indexOf('}', i);
                if (!encoded.startsWith("\\x{", i) || close < 0 || close > i + 9) {
                    throw ParameterException.invalid("ORCPT", "'\\' must start an \\x{HEX} escape");
                }
                out.appendCodePoint(hexPoint(encoded.substring(i + 3, close)));
                i = close + 1;
            } else if (isQchar(cp) || cp >= 0x80 && Syntax.isAllowedNonAscii(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else {
                throw ParameterException.invalid("ORCPT", "character " + Syntax.describe(cp) + " must be escaped");
            }
        }
        return out.toString();
    }

    private static int hexPoint(String hex) {
        boolean digitsOk = !hex.isEmpty() && hex.length() <= 6 && hex.chars().allMatch(Syntax::isHexDigit);
        int value = digitsOk ? Integer.parseInt(hex, 16) : -1;
        boolean shortest = value >= 0 && (value < 0x100 ? hex.length() == 2 : hex.charAt(0) != '0');
        boolean needsEscape = value >= 0x80
                ? value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF)
                : value >= 0x01 && value <= 0x20 || value == '+' || value == '=' || value == '\\' || value == 0x7F;
        if (!digitsOk || !shortest || !needsEscape) {
            throw ParameterException.invalid("ORCPT", "invalid escape \\x{" + Syntax.quote(hex).replace("'", "") + "}");
        }
        return value;
    }

    /** RFC 6533 QCHAR: printable ASCII except '\', '+' and '='. */
    private static boolean isQchar(int cp) {
        return cp >= 0x21 && cp <= 0x7E && cp != '\\' && cp != '+' && cp != '=';
    }
}
