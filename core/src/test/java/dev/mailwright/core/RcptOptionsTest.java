package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RcptOptionsTest {

    private static final Set<EsmtpExtension> DSN = EnumSet.of(EsmtpExtension.DSN);

    private static RcptOptions read(String parameters) {
        return RcptOptions.fromParameters(EsmtpParameters.parse(parameters), DSN);
    }

    /** parameters, NOTIFY set, canonical wire form. */
    static Stream<Arguments> notifyValues() {
        return Stream.of(
                arguments("NOTIFY=NEVER", EnumSet.of(DsnNotify.NEVER), "NOTIFY=NEVER"),
                arguments("NOTIFY=SUCCESS", EnumSet.of(DsnNotify.SUCCESS), "NOTIFY=SUCCESS"),
                arguments("NOTIFY=DELAY,FAILURE", EnumSet.of(DsnNotify.FAILURE, DsnNotify.DELAY), "NOTIFY=FAILURE,DELAY"),
                arguments("notify=success,failure,delay", EnumSet.of(DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY),
                        "NOTIFY=SUCCESS,FAILURE,DELAY"),
                arguments("NOTIFY=never", EnumSet.of(DsnNotify.NEVER), "NOTIFY=NEVER"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifyValues")
    void readsNotify(String parameters, Set<DsnNotify> expected, String wire) {
        RcptOptions options = read(parameters);

        assertThat(options.notifyOn()).isEqualTo(expected);
        assertThat(options.originalRecipient()).isEmpty();
        assertThat(options.toParameters()).hasToString(wire);
        assertThat(RcptOptions.fromParameters(options.toParameters(), DSN)).isEqualTo(options);
    }

    /** parameters, address type, decoded address, wire form written back. */
    static Stream<Arguments> orcpt() {
        return Stream.of(
                arguments("ORCPT=rfc822;Bob@Example.COM", "rfc822", "Bob@Example.COM", "ORCPT=rfc822;Bob@Example.COM"),
                arguments("ORCPT=RFC822;a+2Bb@example.com", "rfc822", "a+b@example.com", "ORCPT=rfc822;a+2Bb@example.com"),
                arguments("ORCPT=rfc822;\"a+20b\"@example.com", "rfc822", "\"a b\"@example.com",
                        "ORCPT=rfc822;\"a+20b\"@example.com"),
                arguments("ORCPT=x400;c+3Dus", "x400", "c=us", "ORCPT=x400;c+3Dus"),
                // RFC 6533: utf-8-addr-xtext and utf-8-addr-unitext
                arguments("ORCPT=utf-8;\\x{7528}\\x{6237}@example.com", "utf-8", "用户@example.com",
                        "ORCPT=utf-8;\\x{7528}\\x{6237}@example.com"),
                arguments("ORCPT=UTF-8;用户@例子.广告", "utf-8", "用户@例子.广告",
                        "ORCPT=utf-8;\\x{7528}\\x{6237}@\\x{4F8B}\\x{5B50}.\\x{5E7F}\\x{544A}"),
                arguments("ORCPT=utf-8;a\\x{2B}b\\x{3D}c\\x{5C}d\\x{20}e@example.com", "utf-8", "a+b=c\\d e@example.com",
                        "ORCPT=utf-8;a\\x{2B}b\\x{3D}c\\x{5C}d\\x{20}e@example.com"),
                arguments("ORCPT=utf-8;\\x{e9}\\x{1F600}@example.com", "utf-8", "é😀@example.com",
                        "ORCPT=utf-8;\\x{E9}\\x{1F600}@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orcpt")
    void readsOriginalRecipient(String parameters, String type, String address, String wire) {
        RcptOptions options = read(parameters);

        assertThat(options.originalRecipient()).contains(new OriginalRecipient(type, address));
        assertThat(options.notifyOn()).isEmpty();
        assertThat(options.toParameters()).hasToString(wire);
        assertThat(RcptOptions.fromParameters(options.toParameters(), DSN)).isEqualTo(options);
    }

    @Test
    void readsBothTogether() {
        RcptOptions options = read("NOTIFY=FAILURE ORCPT=rfc822;user@example.com");

        assertThat(options).isEqualTo(RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.FAILURE))
                .withOriginalRecipient(new OriginalRecipient("rfc822", "user@example.com")));
        assertThat(options.toParameters()).hasToString("NOTIFY=FAILURE ORCPT=rfc822;user@example.com");
        assertThat(RcptOptions.NONE.toParameters().isEmpty()).isTrue();
    }

    static Stream<Arguments> refused() {
        Set<EsmtpExtension> none = EnumSet.noneOf(EsmtpExtension.class);
        return Stream.of(
                arguments("NOTIFY=NEVER,SUCCESS", DSN, "NOTIFY: NEVER cannot be combined with other values", false),
                arguments("NOTIFY=DELAY,NEVER", DSN, "NOTIFY: NEVER cannot be combined with other values", false),
                arguments("NOTIFY=SUCCESS,,DELAY", DSN, "NOTIFY: empty element in list", false),
                arguments("NOTIFY=SUCCESS,", DSN, "NOTIFY: empty element in list", false),
                arguments("NOTIFY=,SUCCESS", DSN, "NOTIFY: empty element in list", false),
                arguments("NOTIFY=ALWAYS", DSN, "NOTIFY: unknown value 'ALWAYS'", false),
                arguments("NOTIFY=SUCCESS,success", DSN, "NOTIFY: SUCCESS given more than once", false),
                arguments("NOTIFY", DSN, "NOTIFY: value required", false),
                arguments("NOTIFY=NEVER", none, "unsupported parameter NOTIFY", true),
                arguments("ORCPT=rfc822;a@b", none, "unsupported parameter ORCPT", true),
                arguments("ORCPT", DSN, "ORCPT: value required", false),
                arguments("ORCPT=rfc822", DSN, "ORCPT: missing ';' after the address type", false),
                arguments("ORCPT=rfc822;", DSN, "ORCPT: empty address", false),
                arguments("ORCPT=;a@b", DSN, "ORCPT: address type must be an atom", false),
                arguments("ORCPT=rfc(822);a@b", DSN, "ORCPT: address type must be an atom", false),
                arguments("ORCPT=rfc822;a+2", DSN, "ORCPT: invalid xtext: '+' must be followed by two upper-case hex digits", false),
                arguments("ORCPT=rfc822;a+0D+0Ab", DSN,
                        "ORCPT: character U+000D not allowed in a non-utf-8 address (printable ASCII only)", false),
                arguments("ORCPT=rfc822;+C3+A9@example.com", DSN,
                        "ORCPT: character U+00E9 not allowed in a non-utf-8 address (printable ASCII only)", false),
                arguments("ORCPT=rfc822;" + "a".repeat(494), DSN, "ORCPT: longer than 500 characters", false),
                arguments("ORCPT=utf-8;a\\x{41}", DSN, "ORCPT: invalid escape \\x{41}", false),
                arguments("ORCPT=utf-8;a\\x{0}", DSN, "ORCPT: invalid escape \\x{0}", false),
                arguments("ORCPT=utf-8;a\\x{00}", DSN, "ORCPT: invalid escape \\x{00}", false),
                arguments("ORCPT=utf-8;a\\x{00E9}", DSN, "ORCPT: invalid escape \\x{00E9}", false),
                arguments("ORCPT=utf-8;a\\x{D800}", DSN, "ORCPT: invalid escape \\x{D800}", false),
                arguments("ORCPT=utf-8;a\\x{110000}", DSN, "ORCPT: invalid escape \\x{110000}", false),
                arguments("ORCPT=utf-8;a\\x{zz}", DSN, "ORCPT: invalid escape \\x{zz}", false),
                arguments("ORCPT=utf-8;a\\x{}", DSN, "ORCPT: invalid escape \\x{}", false),
                arguments("ORCPT=utf-8;a\\x{41", DSN, "ORCPT: '\\' must start an \\x{HEX} escape", false),
                arguments("ORCPT=utf-8;a\\b", DSN, "ORCPT: '\\' must start an \\x{HEX} escape", false),
                arguments("ORCPT=utf-8;a+b", DSN, "ORCPT: character '+' must be escaped", false),
                arguments("ORCPT=utf-8;a\\x{0D}\\x{0A}b", DSN, "ORCPT: character U+000D not allowed in the address", false),
                arguments("ORCPT=utf-8;a\\x{85}b", DSN, "ORCPT: character U+0085 not allowed in the address", false),
                arguments("SIZE=1", DSN, "unsupported parameter SIZE", true),
                arguments("SMTPUTF8", EsmtpExtension.all(), "unsupported parameter SMTPUTF8", true));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @MethodSource("refused")
    void refusesParameters(String parameters, Set<EsmtpExtension> enabled, String message, boolean unsupported) {
        EsmtpParameters parsed = EsmtpParameters.parse(parameters);

        assertThatThrownBy(() -> RcptOptions.fromParameters(parsed, enabled))
                .isInstanceOfSatisfying(ParameterException.class, e -> {
                    assertThat(e.isUnsupported()).isEqualTo(unsupported);
                    assertThat(e.parameter()).contains(parsed.keywords().iterator().next());
                })
                .hasMessage(message)
                .message().matches("[\\x20-\\x7E]+");
    }

    @Test
    void notifySetIsCopiedAndValidated() {
        Set<DsnNotify> mutable = EnumSet.of(DsnNotify.SUCCESS);
        RcptOptions options = RcptOptions.NONE.withNotifyOn(mutable);
        mutable.add(DsnNotify.DELAY);

        assertThat(options.notifyOn()).containsExactly(DsnNotify.SUCCESS);
        assertThatThrownBy(() -> options.notifyOn().add(DsnNotify.FAILURE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new RcptOptions(EnumSet.of(DsnNotify.NEVER, DsnNotify.FAILURE), Optional.empty()))
                .isInstanceOf(ParameterException.class)
                .hasMessage("NOTIFY: NEVER cannot be combined with other values");
        assertThat(new RcptOptions(List.of(DsnNotify.DELAY, DsnNotify.SUCCESS).stream()
                .collect(java.util.stream.Collectors.toSet()), Optional.empty()).toParameters())
                .hasToString("NOTIFY=SUCCESS,DELAY");
    }

    @Test
    void originalRecipientFromAnAddress() {
        assertThat(OriginalRecipient.of(MailAddress.parse("user@bücher.example")))
                .isEqualTo(new OriginalRecipient("rfc822", "user@xn--bcher-kva.example"));
        assertThat(OriginalRecipient.of(MailAddress.parse("用户@例子.广告")))
                .isEqualTo(new OriginalRecipient("utf-8", "用户@例子.广告"));
        assertThat(OriginalRecipient.of(MailAddress.parse("\"a b\"@example.com")).encode())
                .isEqualTo("rfc822;\"a+20b\"@example.com");
    }

    @Test
    void originalRecipientLengthIsCheckedOnTheWireForm() {
        String address = "a".repeat(493);   // "rfc822;" + 493 = 500

        assertThat(new OriginalRecipient("rfc822", address).encode()).hasSize(500);
        assertThatThrownBy(() -> new OriginalRecipient("rfc822", address + "a"))
                .hasMessage("ORCPT: longer than 500 characters");
        assertThatThrownBy(() -> new OriginalRecipient("rfc822", "+".repeat(200)))
                .hasMessage("ORCPT: longer than 500 characters");
        assertThat(new OriginalRecipient("RFC822", "a@b").addressType()).isEqualTo("rfc822");
    }
}
