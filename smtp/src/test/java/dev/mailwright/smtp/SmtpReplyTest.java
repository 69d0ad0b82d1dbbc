package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpReplyTest {

    @Test
    void wireForm() {
        assertThat(new String(new SmtpReply(250, "", List.of("mx.example", "PIPELINING")).toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("250-mx.example\r\n250 PIPELINING\r\n");
        assertThat(new String(SmtpReply.of(550, "5.1.1", "no such user").toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("550 5.1.1 no such user\r\n");
    }

    @ParameterizedTest
    @CsvSource({"250, 2.0.0, true", "550, 5.1.10, true", "452, 4.123.456, true", "250, 5.0.0, false", "250, 2.0, false",
        "250, 2..0, false", "250, 2.1234.0, false", "250, 2.0.x, false", "550, 5.1.1000, false", "550, x.1.1, false"})
    void enhancedStatusMustFitTheCode(int code, String status, boolean valid) {
        if (valid) {
            assertThat(SmtpReply.of(code, status, "text").enhancedStatus()).isEqualTo(status);
        } else {
            assertThatThrownBy(() -> SmtpReply.of(code, status, "text")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void textCannotCarryLineBreaks() {
        assertThatThrownBy(() -> SmtpReply.of(250, "", "a\r\n250 b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpReply.of(199, "", "a")).isInstanceOf(IllegalArgumentException.class);
    }
}
