package dev.mailwright.smtp.outbound.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dkim.DkimVerifier;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.ZoneFileResolver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimMessageSignerTest {

    private static final byte[] MESSAGE = ("From: Alice <alice@example.org>\r\nTo: bob@example.net\r\n"
            + "Subject: signed\r\nDate: Sun, 1 Mar 2026 10:00:00 +0000\r\n\r\nHello Bob.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path keys;

    private static Envelope from(String sender) {
        return new Envelope(Optional.of(MailAddress.parse(sender)), MailOptions.NONE,
                List.of(Envelope.Recipient.of(MailAddress.parse("bob@example.net"))));
    }

    @Test
    void firstStartGeneratesAKeyPerDomainWithItsDnsRecordBeside() throws Exception {
        DkimKeyStore store = DkimKeyStore.open(keys, "mw1", DkimKeyStore.KeyType.ED25519);
        DkimMessageSigner.create(store, List.of("example.org", "Example.COM"), Clock.systemUTC());

        assertThat(keys.resolve("example.org_mw1.key")).exists();
        assertThat(keys.resolve("example.com_mw1.key")).exists();
        assertThat(Files.readString(keys.resolve("example.org_mw1.dns"))).startsWith("v=DKIM1; k=ed25519; p=");

        byte[] before = Files.readAllBytes(keys.resolve("example.org_mw1.key"));
        DkimMessageSigner.create(DkimKeyStore.open(keys, "mw1", DkimKeyStore.KeyType.ED25519),
                List.of("example.org"), Clock.systemUTC());
        assertThat(keys.resolve("example.org_mw1.key")).hasBinaryContent(before);
    }

    @Test
    void aSingleLabelDomainGetsNoKeyAndItsMailGoesOutUnsigned() throws Exception {
        DkimKeyStore store = DkimKeyStore.open(keys, "mw1", DkimKeyStore.KeyType.ED25519);
        DkimMessageSigner signer = DkimMessageSigner.create(store, List.of("localhost", "example.org"), Clock.systemUTC());

        assertThat(keys.resolve("localhost_mw1.key")).doesNotExist();
        assertThat(signer.sign(from("alice@localhost"), MessageContent.of(
                "From: alice@localhost\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)))).isEmpty();
        assertThat(new String(signer.sign(from("alice@example.org"), MessageContent.of(MESSAGE)), StandardCharsets.US_ASCII))
                .contains("d=example.org;");
    }

    @Test
    void signsLocalAuthorDomainsAndTheSignatureVerifies() throws Exception {
        DkimKeyStore store = DkimKeyStore.open(keys, "mw1", DkimKeyStore.KeyType.RSA_2048);
        DkimMessageSigner signer = DkimMessageSigner.create(store, List.of("example.org"), Clock.systemUTC());

        byte[] header = signer.sign(from("bounce-1@example.org"), MessageContent.of(MESSAGE));

        assertThat(new String(header, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature:").contains("d=example.org;");
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.writeBytes(header);
        signed.writeBytes(MESSAGE);
        String record = Files.readString(keys.resolve("example.org_mw1.dns")).strip();
        StringBuilder txt = new StringBuilder();
        for (int i = 0; i < record.length(); i += 200) {
            txt.append('"').append(record, i, Math.min(record.length(), i + 200)).append("\" ");
        }
        ZoneFileResolver dns = ZoneFileResolver.builder()
                .record("mw1._domainkey.example.org. 300 IN TXT " + txt).build();
        List<DkimOutput> results = DkimVerifier.builder(dns).build()
                .verify(AuthenticatedMessage.parse(signed.toByteArray()));
        assertThat(results).extracting(DkimOutput::result).containsExactly(DkimResult.PASS);
    }

    @Test
    void mailOfOtherDomainsIsLeftUnsigned() throws Exception {
        DkimKeyStore store = DkimKeyStore.open(keys, "mw1", DkimKeyStore.KeyType.ED25519);
        DkimMessageSigner signer = DkimMessageSigner.create(store, List.of("example.com"), Clock.systemUTC());
        assertThat(signer.sign(from("alice@example.org"), MessageContent.of(MESSAGE))).isEmpty();
    }

    @Test
    void envelopeDomainSignsWhenTheAuthorIsForeign() throws Exception {
        DkimKeyStore store = DkimKeyStore.open(keys, "mw1", DkimKeyStore.KeyType.ED25519);
        DkimMessageSigner signer = DkimMessageSigner.create(store, List.of("lists.example.com"), Clock.systemUTC());
        assertThat(new String(signer.sign(from("list-bounces@lists.example.com"), MessageContent.of(MESSAGE)),
                StandardCharsets.US_ASCII)).contains("d=lists.example.com;");
    }
}
