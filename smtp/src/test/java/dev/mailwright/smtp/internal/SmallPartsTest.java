package dev.mailwright.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.TlsInfo;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Received field, SASL decoding and path arguments. */
class SmallPartsTest {

    @Test
    void receivedFieldWithTls() throws Exception {
        byte[] field = ReceivedField.format(new ReceivedField.Facts("client.example", Optional.of("mail.client.example"),
                InetAddress.getByName("192.0.2.1"), "mx.example", "ESMTPSA",
                Optional.of(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256")), "ABC-1",
                Optional.of(MailAddress.parse("user@example.com")),
                ZonedDateTime.of(2025, 7, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2))));
        assertThat(new String(field, StandardCharsets.UTF_8)).isEqualTo(
                "Received: from client.example (mail.client.example [192.0.2.1])\r\n"
                        + "\t(using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256)\r\n"
                        + "\tby mx.example with ESMTPSA id ABC-1\r\n"
                        + "\tfor <user@example.com>;\r\n"
                        + "\tTue, 1 Jul 2025 10:00:00 +0200\r\n");
    }

    @ParameterizedTest
    @CsvSource({
        "false, false, false, false, false, SMTP",
        "false, true, false, false, false, ESMTP",
        "false, true, false, true, false, ESMTPS",
        "false, true, false, true, true, ESMTPSA",
        "false, true, false, false, true, ESMTPA",
        "false, true, true, true, true, UTF8SMTPSA",
        "true, true, false, false, false, LMTP",
        "true, true, true, true, false, UTF8LMTPS"
    })
    void protocolTypesOfRfc3848And6531(boolean lmtp, boolean esmtp, boolean utf8, boolean tls, boolean auth, String expected) {
        assertThat(ReceivedField.protocol(lmtp, esmtp, utf8, tls, auth)).isEqualTo(expected);
    }

    @Test
    void heloNamesCannotBreakTheField() throws Exception {
        assertThat(ReceivedField.clean("evil (x); by\tother")).isEqualTo("evil??x???by?other");
        assertThat(ReceivedField.literal(InetAddress.getByName("2001:db8::1"))).isEqualTo("[IPv6:2001:db8::1]");
    }

    @Test
    void plainResponsesFromRfc4616() {
        // RFC 4616 §4 examples: "\0tim\0tanstaaftanstaaf" and "Ursel\0Kurt\0xipj3plmq".
        assertThat(new SaslExchange.Plain().start(Optional.of("AHRpbQB0YW5zdGFhZnRhbnN0YWFm")))
                .isEqualTo(new SaslExchange.Done("", "tim", "tanstaaftanstaaf"));
        assertThat(new SaslExchange.Plain().start(Optional.of("VXJzZWwAS3VydAB4aXBqM3BsbXE=")))
                .isEqualTo(new SaslExchange.Done("Ursel", "Kurt", "xipj3plmq"));
        assertThat(new SaslExchange.Plain().start(Optional.of("="))).isInstanceOf(SaslExchange.Failed.class);
        assertThat(SaslExchange.decode("//79")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FROM:<a@b.example> | <a@b.example> | ''",
        "from: <a@b.example>  SIZE=10 | <a@b.example> | SIZE=10",
        "FROM:<> | <> | ''",
        "FROM:<\"x>y\"@b.example> BODY=8BITMIME | <\"x>y\"@b.example> | BODY=8BITMIME"
    })
    void pathArguments(String argument, String path, String parameters) {
        assertThat(PathArgument.parse(argument, "FROM")).contains(new PathArgument(path, parameters));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"FROM a@b.example", "FROM:a@b.example", "FROM:<a@b.example", "FROM:<a@b.example>x", "TO:<a@b.example>"})
    void malformedPathArguments(String argument) {
        assertThat(PathArgument.parse(argument, "FROM")).isEmpty();
    }
}
