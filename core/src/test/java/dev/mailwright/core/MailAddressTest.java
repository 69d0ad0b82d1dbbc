package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MailAddressTest {

    /** path, toString(), localPart(), domain(). */
    static Stream<Arguments> forwardPaths() {
        return Stream.of(
                // RFC 5321 §4.1.1 and appendix D examples
                arguments("<Smith@bar.com>", "Smith@bar.com", "Smith", "bar.com"),
                arguments("<JQP@bar.com>", "JQP@bar.com", "JQP", "bar.com"),
                arguments("<Jones@foo.com>", "Jones@foo.com", "Jones", "foo.com"),
                arguments("<Green@foo.com>", "Green@foo.com", "Green", "foo.com"),
                arguments("<Brown@foo.com>", "Brown@foo.com", "Brown", "foo.com"),
                // RFC 5321 appendix C: a source route, accepted and ignored
                arguments("<@hosta.int,@jkl.org:userc@d.bar.org>", "userc@d.bar.org", "userc", "d.bar.org"),
                arguments("<@a.example,@b.example:user@c.example>", "user@c.example", "user", "c.example"),
                arguments("<@a.example:user@c.example>", "user@c.example", "user", "c.example"),
                arguments("<@A.Example:\"x:y\"@c.example>", "\"x:y\"@c.example", "x:y", "c.example"),
                // case: local part kept, domain lowered
                arguments("<User.Name+tag@Example.COM>", "User.Name+tag@example.com", "User.Name+tag", "example.com"),
                arguments("<user@localhost>", "user@localhost", "user", "localhost"),
                arguments("<a@b>", "a@b", "a", "b"),
                arguments("<1@2.3.example>", "1@2.3.example", "1", "2.3.example"),
                arguments("<!#$%&'*+-/=?^_`{|}~@example.com>", "!#$%&'*+-/=?^_`{|}~@example.com",
                        "!#$%&'*+-/=?^_`{|}~", "example.com"),
                // quoted local parts: unquoted when Dot-string can say the same
                arguments("<\"john.doe\"@example.com>", "john.doe@example.com", "john.doe", "example.com"),
                arguments("<\"john doe\"@example.com>", "\"john doe\"@example.com", "john doe", "example.com"),
                arguments("<\"\\j\\o\\h\\n\"@example.com>", "john@example.com", "john", "example.com"),
                arguments("<\"a\\\\b\"@example.com>", "\"a\\\\b\"@example.com", "a\\b", "example.com"),
                arguments("<\"a\\\"b\"@example.com>", "\"a\\\"b\"@example.com", "a\"b", "example.com"),
                arguments("<\"@\"@example.com>", "\"@\"@example.com", "@", "example.com"),
                arguments("<\".a\"@example.com>", "\".a\"@example.com", ".a", "example.com"),
                arguments("<\"a..b\"@example.com>", "\"a..b\"@example.com", "a..b", "example.com"),
                arguments("<\"\"@example.com>", "\"\"@example.com", "", "example.com"),
                arguments("<\"(comment)\"@example.com>", "\"(comment)\"@example.com", "(comment)", "example.com"),
                // address literals
                arguments("<user@[192.0.2.1]>", "user@[192.0.2.1]", "user", "[192.0.2.1]"),
                arguments("<user@[IPv6:2001:db8::1]>", "user@[IPv6:2001:db8::1]", "user", "[IPv6:2001:db8::1]"),
                // RFC 6531
                arguments("<用户@例子.广告>", "用户@例子.广告", "用户", "例子.广告"),
                arguments("<\"用 户\"@例子.广告>", "\"用 户\"@例子.广告", "用 户", "例子.广告"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardPaths")
    void parsesForwardPaths(String path, String text, String localPart, String domain) {
        MailAddress address = MailAddress.parseForwardPath(path);

        assertThat(address.toString()).isEqualTo(text);
        assertThat(address.localPart()).isEqualTo(localPart);
        assertThat(address.domain()).isEqualTo(domain);
        assertThat(MailAddress.parseReversePath(path)).contains(address);
        assertThat(MailAddress.parse(text)).isEqualTo(address);
        assertThat(MailAddress.of(localPart, domain)).isEqualTo(address).hasToString(text);
    }

    @Test
    void nullReversePathIsEmpty() {
        assertThat(MailAddress.parseReversePath("<>")).isEmpty();
    }

    @Test
    void reversePathMayCarrySourceRoute() {
        assertThat(MailAddress.parseReversePath("<@relay.example:bounce@example.org>"))
                .contains(MailAddress.of("bounce", "example.org"));
    }

    /** RFC 3696 §3 with erratum 246 (quoting, which RFC 5321 requires). */
    static Stream<Arguments> rfc3696Examples() {
        return Stream.of(
                arguments("\"Abc\\@def\"@example.com", "Abc@def", "\"Abc@def\"@example.com"),
                arguments("\"Fred\\ Bloggs\"@example.com", "Fred Bloggs", "\"Fred Bloggs\"@example.com"),
                arguments("\"Joe.\\\\Blow\"@example.com", "Joe.\\Blow", "\"Joe.\\\\Blow\"@example.com"),
                arguments("\"Abc@def\"@example.com", "Abc@def", "\"Abc@def\"@example.com"),
                arguments("\"Fred Bloggs\"@example.com", "Fred Bloggs", "\"Fred Bloggs\"@example.com"),
                arguments("customer/department=shipping@example.com", "customer/department=shipping",
                        "customer/department=shipping@example.com"),
                arguments("$A12345@example.com", "$A12345", "$A12345@example.com"),
                arguments("!def!xyz%abc@example.com", "!def!xyz%abc", "!def!xyz%abc@example.com"),
                arguments("_somename@example.com", "_somename", "_somename@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc3696Examples")
    void parsesRfc3696Examples(String input, String localPart, String text) {
        MailAddress address = MailAddress.parse(input);

        assertThat(address.localPart()).isEqualTo(localPart);
        assertThat(address).hasToString(text);
        assertThat(MailAddress.parse(text)).isEqualTo(address);
    }

    /** address, isInternationalized(), toAsciiString(). */
    static Stream<Arguments> internationalized() {
        return Stream.of(
                arguments("用户@例子.广告", true, "用户@xn--fsqu00a.xn--4rr70v"),
                arguments("δοκιμή@παράδειγμα.δοκιμή", true, "δοκιμή@xn--hxajbheg2az3al.xn--jxalpdlp"),
                arguments("медведь@пример.испытание", true, "медведь@xn--e1afmkfd.xn--80akhbyknj4f"),
                arguments("二ノ宮@黒川.日本", true, "二ノ宮@" + java.net.IDN.toASCII("黒川") + ".xn--wgv71a"),
                arguments("Pelé@example.com", true, "Pelé@example.com"),
                arguments("user@bücher.example", false, "user@xn--bcher-kva.example"),
                arguments("user@münchen.de", false, "user@xn--mnchen-3ya.de"),
                arguments("user@example.com", false, "user@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("internationalized")
    void reportsInternationalizedAddresses(String input, boolean internationalized, String ascii) {
        MailAddress address = MailAddress.parse(input);

        assertThat(address.isInternationalized()).isEqualTo(internationalized);
        assertThat(address.toAsciiString()).isEqualTo(ascii);
        assertThat(address).hasToString(input);
        assertThat(MailAddress.parse(ascii)).isEqualTo(address);
    }

    @Test
    void theSameAddressInUnicodeAndAsciiIsEqual() {
        MailAddress unicode = MailAddress.parse("user@bücher.example");
        MailAddress ascii = MailAddress.parse("user@xn--bcher-kva.example");

        assertThat(unicode).isEqualTo(ascii).hasSameHashCodeAs(ascii).isEqualByComparingTo(ascii);
        assertThat(unicode).hasToString("user@bücher.example");
        assertThat(ascii).hasToString("user@xn--bcher-kva.example");
        assertThat(ascii.unicodeDomain()).isEqualTo("bücher.example");
        assertThat(unicode.asciiDomain()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void domainCaseIsIgnoredButLocalPartCaseIsNot() {
        MailAddress a = MailAddress.parse("User@Example.COM");
        MailAddress b = MailAddress.parse("User@example.com");
        MailAddress c = MailAddress.parse("user@example.com");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isEqualByComparingTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a.compareTo(c)).isNotZero();
        assertThat(a.localPart()).isEqualTo("User");
    }

    @Test
    void quotedAndUnquotedSpellingsAreEqual() {
        assertThat(MailAddress.parse("\"john.doe\"@example.com"))
                .isEqualTo(MailAddress.parse("john.doe@example.com"))
                .hasSameHashCodeAs(MailAddress.parse("john.doe@example.com"));
    }

    @Test
    void literalsCompareInCanonicalForm() {
        MailAddress a = MailAddress.parse("user@[IPv6:2001:DB8:0:0:0:0:0:1]");
        MailAddress b = MailAddress.parse("user@[ipv6:2001:db8::1]");
        MailAddress c = MailAddress.parse("user@[192.000.002.001]");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("user@[IPv6:2001:db8::1]");
        assertThat(a.isAddressLiteral()).isTrue();
        assertThat(a.literalAddress()).get().isInstanceOf(Inet6Address.class);
        assertThat(a.literalAddress().orElseThrow().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(c).isEqualTo(MailAddress.parse("user@[192.0.2.1]")).hasToString("user@[192.0.2.1]");
        assertThat(c.literalAddress().orElseThrow().getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(MailAddress.parse("user@example.com").literalAddress()).isEmpty();
        assertThat(MailAddress.parse("user@example.com").isAddressLiteral()).isFalse();
    }

    @Test
    void ordersByDomainThenLocalPart() {
        List<MailAddress> addresses = new ArrayList<>(List.of(
                MailAddress.parse("b@b.example"),
                MailAddress.parse("a@b.example"),
                MailAddress.parse("z@A.example"),
                MailAddress.parse("B@b.example")));
        Collections.sort(addresses);

        assertThat(addresses).extracting(MailAddress::toString)
                .containsExactly("z@a.example", "B@b.example", "a@b.example", "b@b.example");
    }

    @Test
    void notEqualToOtherTypes() {
        MailAddress address = MailAddress.parse("user@example.com");

        assertThat(address).isNotEqualTo("user@example.com").isNotEqualTo(null);
        assertThat(address).isEqualTo(address);
    }

    /** semantic local part, domain, toString(). */
    static Stream<Arguments> built() {
        return Stream.of(
                arguments("john doe", "example.com", "\"john doe\"@example.com"),
                arguments("a\"b", "example.com", "\"a\\\"b\"@example.com"),
                arguments("a\\b", "example.com", "\"a\\\\b\"@example.com"),
                arguments("\"quoted\"", "example.com", "\"\\\"quoted\\\"\"@example.com"),
                arguments("", "example.com", "\"\"@example.com"),
                arguments("a.b", "EXAMPLE.com", "a.b@example.com"),
                arguments("a.", "example.com", "\"a.\"@example.com"),
                arguments("用户", "例子.广告", "用户@例子.广告"),
                arguments("user", "[192.0.2.1]", "user@[192.0.2.1]"),
                arguments("user", "xn--bcher-kva.example", "user@xn--bcher-kva.example"));
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("built")
    void buildsFromParts(String localPart, String domain, String text) {
        MailAddress address = MailAddress.of(localPart, domain);

        assertThat(address.localPart()).isEqualTo(localPart);
        assertThat(address).hasToString(text);
        assertThat(MailAddress.parse(text)).isEqualTo(address);
        assertThat(MailAddress.parseForwardPath("<" + text + ">")).isEqualTo(address);
    }

    @Test
    void parsedValueIsTheSameThroughEveryEntryPoint() {
        Optional<MailAddress> reverse = MailAddress.parseReversePath("<\"a b\"@Example.com>");

        assertThat(reverse).contains(MailAddress.parse("\"a b\"@example.com"));
        assertThat(reverse).contains(MailAddress.of("a b", "example.com"));
    }
}
