package dev.mailwright.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SrsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static Srs at(Instant when) {
        return new Srs(SECRET, "a.example", Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void aForwardedSenderBecomesOursAndComesBack() {
        Srs srs = at(NOW);
        MailAddress rewritten = srs.forward(MailAddress.parse("carol.x=y+z@C.Example")).orElseThrow();

        assertThat(rewritten.toString()).matches("SRS0=[A-Za-z0-9+/]{6}=[A-Z2-7]{2}=c\\.example=carol\\.x=y\\+z@a\\.example");
        assertThat(srs.isRewritten(rewritten)).isTrue();
        assertThat(srs.reverse(rewritten)).contains(MailAddress.parse("carol.x=y+z@c.example"));
        // Some servers change the case of local parts; the address still comes back.
        assertThat(srs.reverse(MailAddress.parse(rewritten.toString().toLowerCase()))).isPresent();
        assertThat(srs.reverse(MailAddress.parse(rewritten.toString().toUpperCase()))).isPresent();
    }

    @Test
    void anAddressNobodyElseCanMakeOrThatIsTooOldIsRefused() {
        Srs srs = at(NOW);
        String rewritten = srs.forward(MailAddress.parse("carol@c.example")).orElseThrow().toString();
        String hash = rewritten.substring(5, 11);
        String forged = rewritten.replace("=" + hash + "=", "=" + (hash.charAt(0) == 'A' ? 'B' : 'A') + hash.substring(1) + "=");
        assertThat(srs.reverse(MailAddress.parse(forged))).isEmpty();
        assertThat(srs.reverse(MailAddress.parse(rewritten.replace("carol@", "mallory@")))).isEmpty();
        assertThat(srs.reverse(MailAddress.parse(rewritten.replace("c.example=", "d.example=")))).isEmpty();
        assertThat(new Srs("another secret, 32 bytes long!!!".getBytes(StandardCharsets.US_ASCII), "a.example",
                Clock.fixed(NOW, ZoneOffset.UTC)).reverse(MailAddress.parse(rewritten))).isEmpty();

        assertThat(at(NOW.plus(Duration.ofDays(Srs.MAX_AGE_DAYS))).reverse(MailAddress.parse(rewritten))).isPresent();
        assertThat(at(NOW.plus(Duration.ofDays(Srs.MAX_AGE_DAYS + 1))).reverse(MailAddress.parse(rewritten))).isEmpty();
        // The day stamp wraps every 1024 days: an address from 1024 days ago is not taken for today's.
        assertThat(at(NOW.plus(Duration.ofDays(1024 + 5))).reverse(MailAddress.parse(rewritten))).isPresent();
        assertThat(at(NOW.minus(Duration.ofDays(1))).reverse(MailAddress.parse(rewritten)))
                .as("a day ahead: clocks that straddle midnight").isPresent();
        assertThat(at(NOW.minus(Duration.ofDays(2))).reverse(MailAddress.parse(rewritten))).as("from the future").isEmpty();
    }

    @Test
    void onlyOurOwnSrsAddressesAreRecognised() {
        Srs srs = at(NOW);
        String rewritten = srs.forward(MailAddress.parse("carol@c.example")).orElseThrow().toString();
        assertThat(srs.isRewritten(MailAddress.parse(rewritten.replace("@a.example", "@b.example")))).isFalse();
        assertThat(srs.isRewritten(MailAddress.parse("srs0=junk@a.example"))).isTrue();
        assertThat(srs.reverse(MailAddress.parse("srs0=junk@a.example"))).isEmpty();
        assertThat(srs.reverse(MailAddress.parse("SRS0=abcdef=AB==x@a.example"))).isEmpty();
        assertThat(srs.isRewritten(MailAddress.parse("alice@a.example"))).isFalse();
    }

    @Test
    void sendersThatCannotBeRewrittenAreLeftAsTheyAre() {
        Srs srs = at(NOW);
        assertThat(srs.forward(MailAddress.parse("a-local-part-long-enough-that-srs-overflows-64@c.example"))).isEmpty();
        assertThat(srs.forward(MailAddress.parse("\"two words\"@c.example"))).isEmpty();
        assertThat(srs.forward(MailAddress.parse("jörg@c.example"))).isEmpty();
        assertThatThrownBy(() -> new Srs(new byte[8], "a.example", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }
}
