package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way an address or path can be refused, and the limits of RFC 5321 §4.5.3.1. */
class MailAddressErrorTest {

    /** Error texts go to SMTP clients: one line of printable ASCII. */
    static void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(AddressException.class)
                .hasMessage(message)
                .message().matches("[\\x20-\\x7E]+");
    }

    static Stream<Arguments> malformedAddresses() {
        return Stream.of(
                arguments("", "local part: empty"),
                arguments("@example.com", "local part: empty"),
                arguments("user", "address: missing '@' and domain"),
                arguments("Postmaster", "address: missing '@' and domain"),
                arguments("\"user\"", "address: missing '@' and domain"),
                arguments(".user@example.com", "local part: starts with '.'"),
                arguments("user.@example.com", "local part: ends with '.'"),
                arguments("us..er@example.com", "local part: consecutive dots"),
                arguments("us er@example.com", "local part: invalid character U+0020 outside quotes"),
                arguments("us\"er\"@example.com", "local part: invalid character '\"' outside quotes"),
                arguments("us(er)@example.com", "local part: invalid character '('"),
                arguments("<user@example.com>", "local part: invalid character '<'"),
                arguments("user,x@example.com", "local part: invalid character ','"),
                // RFC 3696 §3 as first published: RFC 5321 has no backslash outside quotes
                arguments("Abc\\@def@example.com", "local part: invalid character '\\' outside quotes"),
                arguments("Fred\\ Bloggs@example.com", "local part: invalid character '\\' outside quotes"),
                arguments("Joe.\\\\Blow@example.com", "local part: invalid character '\\' outside quotes"),
                arguments("\"unbalanced@example.com", "local part: unbalanced quote"),
                arguments("\"ends in backslash\\", "local part: unbalanced quote"),
                arguments("\"ab\\\"@example.com", "local part: unbalanced quote"),
                arguments("\"a\"b@example.com", "local part: unexpected 'b' after closing quote"),
                arguments("\"a\".b@example.com", "local part: unexpected '.' after closing quote"),
                arguments("\"a\tb\"@example.com", "local part: invalid character U+0009 in quoted string"),
                arguments("\"a\\\tb\"@example.com", "local part: invalid quoted-pair \\U+0009"),
                arguments("\"a\\éb\"@example.com", "local part: invalid quoted-pair \\U+00E9"),
                arguments("user@", "domain: empty"),
                arguments("user@exa mple.com", "domain: invalid character U+0020"),
                arguments("user@exa_mple.com", "domain: invalid character '_'"),
                arguments("user@b@c.example", "domain: invalid character '@'"),
                arguments("user@example..com", "domain: empty label"),
                arguments("user@.example.com", "domain: empty label"),
                arguments("user@.", "domain: empty label"),
                arguments("user@example.com.", "domain: ends with '.'"),
                arguments("user@-example.com", "domain: label starts or ends with '-'"),
                arguments("user@example-.com", "domain: label starts or ends with '-'"),
                arguments("user@" + "a".repeat(64) + ".com", "domain: label longer than 63 octets"),
                arguments("user@xn--a.example", "domain: invalid A-label 'xn--a'"),
                arguments("user@xn--.example", "domain: label starts or ends with '-'"),
                arguments("user@xn--abc-.example", "domain: label starts or ends with '-'"),
                arguments("user@xn--abc.example", "domain: invalid A-label 'xn--abc'"),
                arguments("user@xn--strae-oqa.de", "domain: invalid A-label 'xn--strae-oqa'"),
                arguments("user@straße.de", "domain: label is changed by IDNA mapping "
                        + "(e.g. sharp s, final sigma, full-width or ignored characters)"),
                arguments("user@ａｂｃ.example", "domain: label is changed by IDNA mapping "
                        + "(e.g. sharp s, final sigma, full-width or ignored characters)"),
                arguments("user@bü\u00ADcher.example", "domain: label is changed by IDNA mapping "
                        + "(e.g. sharp s, final sigma, full-width or ignored characters)"),
                arguments("user@例子。广告", "domain: labels must be separated by '.' only"),
                arguments("user@\u0301abc.example", "domain: label starts with a combining mark"),
                arguments("user@\u05D0a.example", "domain: label not allowed by IDNA "
                        + "(prohibited or unassigned code point, or bidi rule)"),
                arguments("user@-bücher.example", "domain: label starts or ends with '-'"),
                arguments("user@b_ü.example", "domain: invalid character '_'"),
                arguments("user@" + "ü".repeat(60) + ".example", "domain: label longer than 63 octets in A-label form"),
                arguments("user@[192.0.2.1", "domain: missing closing ']' of address literal"),
                arguments("user@[", "domain: missing closing ']' of address literal"),
                arguments("user@[192.0.2.256]", "domain: invalid IPv4 address literal"),
                arguments("user@[192.0.2]", "domain: invalid IPv4 address literal"),
                arguments("user@[192.0.2.1.5]", "domain: invalid IPv4 address literal"),
                arguments("user@[1920.0.2.1]", "domain: invalid IPv4 address literal"),
                arguments("user@[IPv6:2001:db8::g]", "domain: invalid IPv6 address literal"),
                arguments("user@[IPv6:192.0.2.1]", "domain: invalid IPv6 address literal"),
                arguments("user@[x400:c=us;a=b]", "domain: general address literals ([tag:...]) are not supported"),
                arguments("user@[IPv4:192.0.2.1]", "domain: general address literals ([tag:...]) are not supported"),
                arguments("user@[]", "domain: invalid address literal"),
                arguments("user@[example.com]", "domain: invalid address literal"),
                arguments("user@[192.0.2.1]x", "domain: missing closing ']' of address literal"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformedAddresses")
    void refusesMalformedAddresses(String input, String message) {
        assertRefused(() -> MailAddress.parse(input), message);
        // As paths, "" is "<>" and a leading '@' starts a source route.
        if (input.length() <= 250 && !input.isEmpty() && !input.startsWith("@")) {
            assertRefused(() -> MailAddress.parseForwardPath("<" + input + ">"), message);
            assertRefused(() -> MailAddress.parseReversePath("<" + input + ">"), message);
        }
    }

    static Stream<Arguments> malformedPaths() {
        return Stream.of(
                arguments("", "path: missing opening '<'"),
                arguments("user@example.com", "path: missing opening '<'"),
                arguments(" <user@example.com>", "path: missing opening '<'"),
                arguments("<user@example.com", "path: missing closing '>'"),
                arguments("<user@example.com> ", "path: missing closing '>'"),
                arguments("<", "path: missing closing '>'"),
                arguments(">", "path: missing opening '<'"),
                arguments("<Postmaster>", "address: missing '@' and domain"),
                arguments("<postmaster>", "address: missing '@' and domain"),
                arguments("< user@example.com>", "local part: invalid character U+0020 outside quotes"),
                arguments("<user@example.com >", "domain: invalid character U+0020"),
                arguments("<<user@example.com>>", "local part: invalid character '<'"),
                arguments("<user@example.com>>", "domain: invalid character '>'"),
                arguments("<@a.example,user@example.com>", "source route: missing ':' before the mailbox"),
                arguments("<@a.example>", "source route: missing ':' before the mailbox"),
                arguments("<@a.example:>", "local part: empty"),
                arguments("<@a.example,,@b.example:user@example.com>", "source route: each hop must start with '@'"),
                arguments("<@a.example,b.example:user@example.com>", "source route: each hop must start with '@'"),
                arguments("<@a.example,:user@example.com>", "source route: empty hop"),
                arguments("<@:user@example.com>", "source route: empty"),
                arguments("<@a..example:user@example.com>", "source route: empty label"),
                arguments("<@a_b.example:user@example.com>", "source route: invalid character '_'"),
                arguments("<@[192.0.2.1]:user@example.com>", "source route: address literal not allowed here"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("malformedPaths")
    void refusesMalformedPaths(String path, String message) {
        assertRefused(() -> MailAddress.parseForwardPath(path), message);
        assertRefused(() -> MailAddress.parseReversePath(path), message);
    }

    @Test
    void nullPathIsOnlyAReversePath() {
        assertRefused(() -> MailAddress.parseForwardPath("<>"), "path: the null path <> is not allowed here");
    }

    static Stream<Arguments> malformedParts() {
        return Stream.of(
                arguments("a\nb", "example.com", "local part: invalid character U+000A"),
                arguments("a\u0000b", "example.com", "local part: invalid character U+0000"),
                arguments("a\u007Fb", "example.com", "local part: invalid character U+007F"),
                arguments("a\tb", "example.com", "local part: invalid character U+0009"),
                arguments("a\u0085b", "example.com", "local part: invalid character U+0085"),
                arguments("a\uD800b", "example.com", "local part: invalid character U+D800"),
                arguments("a\u202Eb", "example.com", "local part: invalid character U+202E"),
                arguments("a".repeat(65), "example.com", "local part: longer than 64 octets"),
                arguments("a".repeat(100_000), "example.com", "local part: longer than 64 octets"),
                arguments("user", "", "domain: empty"),
                arguments("user", "exa mple.com", "domain: invalid character U+0020"),
                arguments("user", "[192.0.2.1", "domain: missing closing ']' of address literal"));
    }

    @ParameterizedTest(name = "{0} @ {1} -> {2}")
    @MethodSource("malformedParts")
    void refusesMalformedParts(String localPart, String domain, String message) {
        assertRefused(() -> MailAddress.of(localPart, domain), message);
    }

    /** Control characters, line breaks and other hostile code points anywhere in a path. */
    static Stream<String> hostileCharacters() {
        return Stream.of("\u0000", "\r", "\n", "\r\n", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029",
                "\uD800", "\uDC00", "\uFFFE", "\uFFFF", "\uFDD0", "\u202E", "\u2066", " ", "\u00A0", "\u3000");
    }

    @ParameterizedTest
    @MethodSource("hostileCharacters")
    void refusesHostileCharactersWithoutEchoingThem(String hostile) {
        String[] paths = {
            "<us" + hostile + "er@example.com>",
            "<user@exam" + hostile + "ple.com>",
            "<user@example.com" + hostile + ">",
            "<" + hostile + "user@example.com>",
            "<@relay" + hostile + ".example:user@example.com>",
            "<us" + hostile + "er@[192.0.2.1]>",
        };
        for (String path : paths) {
            assertThatThrownBy(() -> MailAddress.parseForwardPath(path))
                    .isInstanceOf(AddressException.class)
                    .message().matches("[\\x20-\\x7E]+");
        }
        // Inside quotes ASCII space and non-ASCII spaces are text; everything else still fails.
        if (!hostile.equals(" ") && !hostile.equals("\u00A0") && !hostile.equals("\u3000")) {
            assertThatThrownBy(() -> MailAddress.parseForwardPath("<\"us" + hostile + "er\"@example.com>"))
                    .isInstanceOf(AddressException.class)
                    .message().matches("[\\x20-\\x7E]+");
        }
    }

    @Test
    void refusesHugeInputByLengthAlone() {
        String huge = "a".repeat(10_000_000);

        assertRefused(() -> MailAddress.parse(huge + "@example.com"), "address: longer than 254 octets");
        assertRefused(() -> MailAddress.parseForwardPath("<" + huge + "@example.com>"), "path: longer than 256 octets");
        assertRefused(() -> MailAddress.parseReversePath("<" + "\u0000".repeat(10_000_000) + ">"),
                "path: longer than 256 octets");
        assertRefused(() -> MailAddress.of("user", huge), "domain: longer than 255 octets");
    }

    // ---- limits, at and just past each boundary ----

    /** A valid host name of exactly {@code length} octets (labels of at most 50). */
    static String domainOfLength(int length) {
        StringBuilder domain = new StringBuilder();
        while (length - domain.length() > 51) {
            domain.append("d".repeat(50)).append('.');
        }
        return domain.append("e".repeat(length - domain.length())).toString();
    }

    @Test
    void localPartIsAtMost64Octets() {
        assertThat(MailAddress.parse("a".repeat(64) + "@example.com").localPart()).hasSize(64);
        assertRefused(() -> MailAddress.parse("a".repeat(65) + "@example.com"), "local part: longer than 64 octets");
    }

    @Test
    void localPartLimitCountsUtf8Octets() {
        assertThat(MailAddress.parse("é".repeat(32) + "@example.com").localPart()).hasSize(32);
        assertRefused(() -> MailAddress.parse("é".repeat(32) + "a@example.com"), "local part: longer than 64 octets");
        assertThat(MailAddress.parse("😀".repeat(16) + "@example.com").localPart()).hasSize(32);
        assertRefused(() -> MailAddress.parse("😀".repeat(16) + "a@example.com"), "local part: longer than 64 octets");
    }

    @Test
    void localPartLimitCountsTheQuotedFormThatIsWritten() {
        String fits = " " + "a".repeat(61);   // written as "\" aaa...\"", 64 octets
        String over = " " + "a".repeat(62);

        assertThat(MailAddress.of(fits, "example.com").toString()).startsWith("\" a");
        assertRefused(() -> MailAddress.of(over, "example.com"), "local part: longer than 64 octets");
        // Redundant quotes are not counted: they are not written.
        assertThat(MailAddress.parse("\"" + "a".repeat(64) + "\"@example.com").localPart()).hasSize(64);
    }

    @Test
    void labelIsAtMost63Octets() {
        assertThat(MailAddress.parse("user@" + "a".repeat(63) + ".com").domain()).hasSize(67);
        assertRefused(() -> MailAddress.parse("user@" + "a".repeat(64) + ".com"), "domain: label longer than 63 octets");
    }

    @Test
    void domainIsAtMost255OctetsAlsoInAsciiForm() {
        String cjk = String.join(".", java.util.Collections.nCopies(30, "例子")); // 209 octets, 359 as A-labels

        assertRefused(() -> MailAddress.of("a", domainOfLength(256)), "domain: longer than 255 octets");
        assertRefused(() -> MailAddress.of("a", cjk), "domain: longer than 255 octets in A-label form");
        // A 255-octet domain is valid but no address can use it: the path would not fit.
        assertRefused(() -> MailAddress.of("a", domainOfLength(255)), "address: longer than 254 octets");
    }

    @Test
    void addressIsAtMost254OctetsSoThatItsPathFitsIn256() {
        String local = "a".repeat(64);

        MailAddress longest = MailAddress.parse(local + "@" + domainOfLength(189));
        assertThat(longest.toString()).hasSize(254);
        assertRefused(() -> MailAddress.parse(local + "@" + domainOfLength(190)), "address: longer than 254 octets");
        assertRefused(() -> MailAddress.of(local, domainOfLength(190)), "address: longer than 254 octets");
    }

    @Test
    void pathIsAtMost256Octets() {
        String local = "a".repeat(64);

        assertThat(MailAddress.parseForwardPath("<" + local + "@" + domainOfLength(189) + ">")).isNotNull();
        assertRefused(() -> MailAddress.parseForwardPath("<" + local + "@" + domainOfLength(190) + ">"),
                "path: longer than 256 octets");
        assertRefused(() -> MailAddress.parseReversePath("<" + local + "@" + domainOfLength(190) + ">"),
                "path: longer than 256 octets");
    }

    @Test
    void pathLimitCountsUtf8OctetsAndTheSourceRoute() {
        String local = "é".repeat(32);   // 32 chars, 64 octets

        assertThat(MailAddress.parseForwardPath("<" + local + "@" + domainOfLength(189) + ">")).isNotNull();
        assertRefused(() -> MailAddress.parseForwardPath("<" + local + "@" + domainOfLength(190) + ">"),
                "path: longer than 256 octets");

        String route = "@" + domainOfLength(200) + ":";
        assertThat(MailAddress.parseForwardPath("<" + route + "a@" + domainOfLength(50) + ">"))
                .hasToString("a@" + domainOfLength(50));
        assertRefused(() -> MailAddress.parseForwardPath("<" + route + "a@" + domainOfLength(51) + ">"),
                "path: longer than 256 octets");
    }
}
