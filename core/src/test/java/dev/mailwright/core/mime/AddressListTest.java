package dev.mailwright.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.mime.AddressList.Entry;
import dev.mailwright.core.mime.AddressList.Group;
import dev.mailwright.core.mime.AddressList.Mailbox;
import dev.mailwright.core.mime.AddressList.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AddressListTest {

    /** "[display] local@domain" for a mailbox, "{name: members}" for a group. */
    static String render(Entry entry) {
        if (entry instanceof Mailbox m) {
            return m.displayName().map(n -> "[" + n + "] ").orElse("") + m.localPart() + "@" + m.domain();
        }
        Group g = (Group) entry;
        return "{" + g.name() + ": " + g.members().stream().map(AddressListTest::render).collect(Collectors.joining("; ")) + "}";
    }

    static List<String> render(Result result) {
        return result.entries().stream().map(AddressListTest::render).toList();
    }

    /** RFC 5322 Appendix A field bodies; every one is a valid address list. */
    static Stream<Arguments> appendixA() {
        return Stream.of(
                // A.1.1
                Arguments.of("John Doe <jdoe@machine.example>", List.of("[John Doe] jdoe@machine.example")),
                Arguments.of("Michael Jones <mjones@machine.example>", List.of("[Michael Jones] mjones@machine.example")),
                Arguments.of("Mary Smith <mary@example.net>", List.of("[Mary Smith] mary@example.net")),
                // A.1.2
                Arguments.of("\"Joe Q. Public\" <john.q.public@example.com>",
                        List.of("[Joe Q. Public] john.q.public@example.com")),
                Arguments.of("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
                        List.of("[Mary Smith] mary@x.test", "jdoe@example.org", "[Who?] one@y.test")),
                Arguments.of("<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>",
                        List.of("boss@nil.test", "[Giant; \"Big\" Box] sysservices@example.net")),
                // A.1.3
                Arguments.of("Pete <pete@silly.example>", List.of("[Pete] pete@silly.example")),
                Arguments.of("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
                        List.of("{A Group: [Ed Jones] c@a.test; joe@where.test; [John] jdoe@one.test}")),
                Arguments.of("Undisclosed recipients:;", List.of("{Undisclosed recipients: }")),
                // A.2
                Arguments.of("\"Mary Smith: Personal Account\" <smith@home.example>",
                        List.of("[Mary Smith: Personal Account] smith@home.example")),
                // A.3
                Arguments.of("Jane Brown <j-brown@other.example>", List.of("[Jane Brown] j-brown@other.example")),
                // A.5
                Arguments.of("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
                        List.of("[Pete] pete@silly.test")),
                Arguments.of("A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n"
                                + "         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)",
                        List.of("{A Group: [Chris Jones] c@public.example; joe@example.org; [John] jdoe@one.test}")),
                Arguments.of("A Group(Some people)     :Chris Jones <c@(Chris's host.)public.example>,"
                                + "         joe@example.org,  John <jdoe@one.test> (my dear friend); (the end of the group)",
                        List.of("{A Group: [Chris Jones] c@public.example; joe@example.org; [John] jdoe@one.test}")),
                Arguments.of("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;",
                        List.of("{Hidden recipients: }")),
                // A.6.1
                Arguments.of("Joe Q. Public <john.q.public@example.com>", List.of("[Joe Q. Public] john.q.public@example.com")),
                Arguments.of("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
                        List.of("[Mary Smith] mary@example.net", "jdoe@test.example")),
                // A.6.3
                Arguments.of("John Doe <jdoe@machine(comment).  example>", List.of("[John Doe] jdoe@machine.example")),
                Arguments.of("Mary Smith\r\n  \r\n          <mary@example.net>", List.of("[Mary Smith] mary@example.net")),
                Arguments.of("Mary Smith            <mary@example.net>", List.of("[Mary Smith] mary@example.net")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appendixA")
    void parsesRfc5322AppendixA(String value, List<String> expected) {
        Result result = AddressList.parse(value);
        assertThat(render(result)).isEqualTo(expected);
        assertThat(result.valid()).isTrue();
    }

    static Stream<Arguments> validForms() {
        return Stream.of(
                Arguments.of("route with several domains", "<@a.example,@b.example:x@y.example>", List.of("x@y.example")),
                Arguments.of("route with empty elements", "Z <,@a.example,,@b.example:x@y.example>", List.of("[Z] x@y.example")),
                Arguments.of("quoted local part", "\"john doe\"@example.com", List.of("john doe@example.com")),
                Arguments.of("quoted pair in local part", "\"a\\\"b\"@example.com", List.of("a\"b@example.com")),
                Arguments.of("mixed obsolete local part", "\"a\".b . c@example.com", List.of("a.b.c@example.com")),
                Arguments.of("domain literal", "user@[192.0.2.1]", List.of("user@[192.0.2.1]")),
                Arguments.of("IPv6 literal with FWS", "user@[ IPv6:2001:db8::1 ]", List.of("user@[IPv6:2001:db8::1]")),
                Arguments.of("encoded display name", "=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>",
                        List.of("[Andr\u00e9 Pirard] PIRARD@vm1.ulg.ac.be")),
                Arguments.of("adjacent encoded words", "=?UTF-8?Q?J=C3=B6rg?= =?UTF-8?Q?_M=C3=BCller?= <j@example.com>",
                        List.of("[J\u00f6rg M\u00fcller] j@example.com")),
                Arguments.of("encoded word with a dot", "=?UTF-8?Q?Mr._Smith?= <s@example.com>",
                        List.of("[Mr. Smith] s@example.com")),
                Arguments.of("encoded words and a quoted string", "=?UTF-8?Q?J=C3=B6rg?= \"(work)\" <j@example.com>",
                        List.of("[J\u00f6rg (work)] j@example.com")),
                Arguments.of("no decoding inside quotes", "\"=?UTF-8?Q?a?=\" <a@b.example>", List.of("[=?UTF-8?Q?a?=] a@b.example")),
                Arguments.of("encoded group name", "=?UTF-8?Q?Gr=C3=BCppe?=:a@b.example;", List.of("{Gr\u00fcppe: a@b.example}")),
                Arguments.of("UTF-8 everywhere", "J\u00f6rg <j\u00f6rg@b\u00fccher.example>",
                        List.of("[J\u00f6rg] j\u00f6rg@b\u00fccher.example")),
                Arguments.of("UTF-8 quoted name", "\"\u65e5\u672c\" <x@example.jp>", List.of("[\u65e5\u672c] x@example.jp")),
                Arguments.of("angle address alone", "<a@b.example>", List.of("a@b.example")),
                Arguments.of("empty quoted name", "\"\" <a@b.example>", List.of("a@b.example")),
                Arguments.of("nested comments", "a@b.example (x (y (z)) w)", List.of("a@b.example")),
                Arguments.of("whitespace collapses", "Mary  \t  Smith <m@x.example>", List.of("[Mary Smith] m@x.example")),
                Arguments.of("quoted then atom", "\"Smith,\" John <j@x.example>", List.of("[Smith, John] j@x.example")),
                Arguments.of("atom and quoted without space", "a\"b\"c <j@x.example>", List.of("[abc] j@x.example")),
                Arguments.of("trailing comma", "a@b.example,", List.of("a@b.example")),
                Arguments.of("leading commas", ", ,a@b.example", List.of("a@b.example")),
                Arguments.of("group with empty elements", "G: , a@b.example, ,;", List.of("{G: a@b.example}")),
                Arguments.of("undisclosed recipients", "undisclosed-recipients:;", List.of("{undisclosed-recipients: }")),
                Arguments.of("groups and mailboxes", "a@b.example, G: c@d.example;, e@f.example",
                        List.of("a@b.example", "{G: c@d.example}", "e@f.example")),
                Arguments.of("comment depth at the limit",
                        "a@b.example " + "(".repeat(AddressList.MAX_COMMENT_DEPTH) + ")".repeat(AddressList.MAX_COMMENT_DEPTH),
                        List.of("a@b.example")),
                Arguments.of("escaped parenthesis in comment", "a@b.example (\\(not nested)", List.of("a@b.example")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validForms")
    void parsesValidForms(String description, String value, List<String> expected) {
        Result result = AddressList.parse(value);
        assertThat(render(result)).isEqualTo(expected);
        assertThat(result.valid()).isTrue();
    }

    static Stream<Arguments> invalidForms() {
        return Stream.of(
                Arguments.of("empty", "", List.of()),
                Arguments.of("only a comment", "   (just a comment)  ", List.of()),
                Arguments.of("only commas", " , , ", List.of()),
                Arguments.of("words only", "this address sucks", List.of()),
                Arguments.of("garbage in the middle", "a@b.example, garbage here, c@d.example",
                        List.of("a@b.example", "c@d.example")),
                Arguments.of("display name without angle brackets", "John Doe jdoe@example.com", List.of()),
                Arguments.of("unclosed angle address", "<a@b.example, c@d.example", List.of("c@d.example")),
                Arguments.of("missing domain", "a@", List.of()),
                Arguments.of("missing local part", "@example.com", List.of()),
                Arguments.of("empty angle address", "<>", List.of()),
                Arguments.of("no domain at all", "Postmaster <postmaster>", List.of()),
                Arguments.of("missing comma", "a@b.example c@d.example", List.of("a@b.example")),
                Arguments.of("empty domain label", "a@b..example", List.of()),
                Arguments.of("trailing dot in domain", "a@b.example.", List.of()),
                Arguments.of("leading dot in local part", ".a@b.example", List.of()),
                Arguments.of("trailing dot in local part", "a.@b.example", List.of()),
                Arguments.of("double dot in local part", "a..b@c.example", List.of()),
                Arguments.of("group without semicolon", "Group: a@b.example", List.of("{Group: a@b.example}")),
                Arguments.of("nested group", "G1: H: a@b.example;;, c@d.example", List.of("{G1: }", "c@d.example")),
                Arguments.of("bad member in group", "G: a@b.example, bad, c@d.example;", List.of("{G: a@b.example; c@d.example}")),
                Arguments.of("unterminated comment", "a@b.example (unterminated", List.of("a@b.example")),
                Arguments.of("unterminated quote", "\"unterminated <a@b.example>", List.of()),
                Arguments.of("unterminated literal", "a@[1.2.3.4", List.of()),
                Arguments.of("comment too deep",
                        "a@b.example (" + "(".repeat(AddressList.MAX_COMMENT_DEPTH) + ")".repeat(AddressList.MAX_COMMENT_DEPTH + 1)
                                + ", c@d.example",
                        List.of("a@b.example")),
                Arguments.of("extra closing bracket", "Foo <a@b.example>>", List.of("[Foo] a@b.example")),
                Arguments.of("stray closing parenthesis", "a@b.example), c@d.example", List.of("a@b.example", "c@d.example")),
                Arguments.of("control character", "a\u0001b@c.example", List.of()),
                Arguments.of("unquoted comma in name", "Smith, John <j@x.example>", List.of("[John] j@x.example")),
                Arguments.of("display name starting with dot", ".Joe <j@x.example>", List.of()),
                Arguments.of("address as display name", "john@x.example <john@x.example>", List.of("john@x.example")),
                Arguments.of("unquoted colon in name reads as an open group", "Dr. No: Yes <a@b.example>",
                        List.of("{Dr. No: [Yes] a@b.example}")),
                Arguments.of("route without colon", "<@a.example x@y.example>", List.of()),
                Arguments.of("lone backslash", "a@b.example, \\", List.of("a@b.example")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidForms")
    void keepsWhatIsValidAndReportsTheRest(String description, String value, List<String> expected) {
        Result result = AddressList.parse(value);
        assertThat(render(result)).isEqualTo(expected);
        assertThat(result.valid()).isFalse();
    }

    @Test
    void fromFieldCasesThatDmarcMustTellApart() {
        assertThat(AddressList.parse("a@example.com").mailboxes()).hasSize(1);
        assertThat(AddressList.parse("a@example.com, b@example.org").mailboxes()).hasSize(2);
        assertThat(AddressList.parse("a@example.com, b@example.org").valid()).isTrue();
        Result garbage = AddressList.parse("not an address");
        assertThat(garbage.valid()).isFalse();
        assertThat(garbage.mailboxes()).isEmpty();
        Result empty = AddressList.parse("undisclosed-recipients:;");
        assertThat(empty.valid()).isTrue();
        assertThat(empty.mailboxes()).isEmpty();
    }

    @Test
    void mailboxesFlattensGroupsInOrder() {
        Result result = AddressList.parse("a@x.example, G: b@x.example, c@x.example;, d@x.example");
        assertThat(result.mailboxes()).extracting(Mailbox::localPart).containsExactly("a", "b", "c", "d");
    }

    @Test
    void addressLimitStopsTheParseAndMakesItInvalid() {
        StringBuilder ten = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            ten.append("u").append(i).append("@example.com, ");
        }
        Result exact = AddressList.parse(ten.toString(), 10);
        assertThat(exact.entries()).hasSize(10);
        assertThat(exact.valid()).isTrue();
        Result over = AddressList.parse(ten + "u10@example.com", 10);
        assertThat(over.entries()).hasSize(10);
        assertThat(over.valid()).isFalse();
        // Groups count, and so do their members.
        Result groups = AddressList.parse("G: a@x.example, b@x.example;, c@x.example", 3);
        assertThat(render(groups)).containsExactly("{G: a@x.example; b@x.example}");
        assertThat(groups.valid()).isFalse();
        assertThatThrownBy(() -> AddressList.parse("a@b.example", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileInputStaysLinearAndBounded() {
        Result many = AddressList.parse("a@b.c,".repeat(200_000));
        assertThat(many.entries()).hasSize(AddressList.DEFAULT_MAX_ADDRESSES);
        assertThat(many.valid()).isFalse();
        assertThat(AddressList.parse("(".repeat(500_000)).valid()).isFalse();
        assertThat(AddressList.parse("\"" + "x".repeat(500_000)).valid()).isFalse();
        assertThat(AddressList.parse("a ".repeat(300_000) + "<x@y.example>").mailboxes()).hasSize(1);
        assertThat(AddressList.parse(".".repeat(300_000)).valid()).isFalse();
        assertThat(AddressList.parse("<@a,".repeat(100_000)).valid()).isFalse();
    }

    @Test
    void undecodedParseKeepsEncodedWordsAsWritten() {
        Result result = AddressList.parseUndecoded("=?UTF-8?Q?J=C3=B6rg?= \"Q\" <j@example.com>, =?UTF-8?Q?G?=:;");
        assertThat(render(result)).containsExactly("[=?UTF-8?Q?J=C3=B6rg?= Q] j@example.com", "{=?UTF-8?Q?G?=: }");
        assertThat(result.valid()).isTrue();
    }

    @Test
    void addressQuotesTheLocalPartOnlyWhenNeeded() {
        assertThat(mailbox("john.q.public", "example.com").address()).isEqualTo("john.q.public@example.com");
        assertThat(mailbox("john doe", "example.com").address()).isEqualTo("\"john doe\"@example.com");
        assertThat(mailbox("a\"b\\c", "example.com").address()).isEqualTo("\"a\\\"b\\\\c\"@example.com");
        assertThat(mailbox("", "example.com").address()).isEqualTo("\"\"@example.com");
        assertThat(mailbox("a..b", "example.com").address()).isEqualTo("\"a..b\"@example.com");
        assertThat(mailbox(".a", "example.com").address()).isEqualTo("\".a\"@example.com");
        assertThat(mailbox("j\u00f6rg", "example.com").address()).isEqualTo("j\u00f6rg@example.com");
        // What address() writes parses back to the same mailbox.
        for (String local : List.of("john doe", "a\"b\\c", "", "a..b", "x(y)z", "a,b")) {
            Mailbox m = mailbox(local, "example.com");
            assertThat(AddressList.parse(m.address()).mailboxes()).containsExactly(m);
        }
    }

    @Test
    void recordsAreImmutableAndRejectNulls() {
        List<Mailbox> members = new ArrayList<>(List.of(mailbox("a", "b.example")));
        Group group = new Group("G", members);
        members.clear();
        assertThat(group.members()).hasSize(1);
        assertThatThrownBy(() -> group.members().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Mailbox(null, "a", "b")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Mailbox(Optional.empty(), null, "b")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Mailbox(Optional.empty(), "a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> AddressList.parse("a@b.example").entries().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void worksOnParsedHeaderValues() throws HeaderLimitException {
        Headers headers = Headers.parse(("From: =?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?= <paf@nada.kth.se>\r\n"
                + "To: Mary Smith\r\n  \r\n          <mary@example.net>, jdoe@test  . example\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(render(AddressList.parse(headers.firstValue("From").orElseThrow())))
                .containsExactly("[Patrik F\u00e4ltstr\u00f6m] paf@nada.kth.se");
        assertThat(render(AddressList.parse(headers.firstValue("To").orElseThrow())))
                .containsExactly("[Mary Smith] mary@example.net", "jdoe@test.example");
    }

    private static Mailbox mailbox(String local, String domain) {
        return new Mailbox(Optional.empty(), local, domain);
    }
}
