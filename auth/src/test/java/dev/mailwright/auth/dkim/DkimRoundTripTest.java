package dev.mailwright.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.core.mime.HeaderField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing and verifying, tampering, several signatures, and every key and tag policy. */
class DkimRoundTripTest {

    private static final DkimSigningKey RSA = DkimSigningKey.generateRsa();
    private static final DkimSigningKey ED = DkimSigningKey.generateEd25519();
    private static final DkimSigningKey OTHER = DkimSigningKey.generateEd25519();
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final String MESSAGE = """
            From: Alice <alice@example.org>\r
            To: Bob <bob@example.net>\r
            Subject: Lunch\r
            Date: Tue, 14 Nov 2023 22:13:20 +0000\r
            Message-ID: <1@example.org>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Shall we have lunch   tomorrow?\r
            \r
            Alice\r
            \r
            """;

    private static final DnsResolver DNS = ZoneFileResolver.builder()
            .record("rsa._domainkey.example.org. TXT " + txt(RSA.dnsRecord()))
            .record("ed._domainkey.example.org. TXT " + txt(ED.dnsRecord()))
            .record("wrong._domainkey.example.org. TXT " + txt(OTHER.dnsRecord()))
            .record("revoked._domainkey.example.org. TXT \"v=DKIM1; k=ed25519; p=\"")
            .record("sha1only._domainkey.example.org. TXT " + txt(RSA.dnsRecord().replace("k=rsa;", "k=rsa; h=sha1;")))
            .record("strict._domainkey.example.org. TXT " + txt(ED.dnsRecord() + "; t=s"))
            .record("testing._domainkey.example.org. TXT " + txt(ED.dnsRecord() + "; t=y"))
            .record("web._domainkey.example.org. TXT " + txt(ED.dnsRecord() + "; s=web"))
            .record("mismatch._domainkey.example.org. TXT " + txt(RSA.dnsRecord().replace("k=rsa", "k=ed25519")))
            .record("short._domainkey.example.org. TXT " + txt(shortRsaRecord()))
            .failing("broken.example.org")
            .build();

    private final DkimVerifier verifier = DkimVerifier.builder(DNS).clock(CLOCK).build();

    private static String txt(String text) {
        // Split into 255-octet character-strings, as a zone must for long keys.
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += 200) {
            out.append('"').append(text, i, Math.min(text.length(), i + 200)).append("\" ");
        }
        return out.toString();
    }

    private static String shortRsaRecord() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(512);
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] signed(DkimSigningKey key, String selector, String message) throws Exception {
        DkimSigner signer = DkimSigner.builder("example.org", selector, key).clock(CLOCK).build();
        return signer.signed(MessageContent.of(bytes(message))).toByteArray();
    }

    private List<DkimOutput> verify(byte[] message) throws Exception {
        return verifier.verify(AuthenticatedMessage.parse(message));
    }

    private DkimOutput only(byte[] message) throws Exception {
        List<DkimOutput> results = verify(message);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void rsaAndEd25519SignaturesVerify() throws Exception {
        DkimOutput rsa = only(signed(RSA, "rsa", MESSAGE));
        assertThat(rsa.result()).as(rsa.reason()).isEqualTo(DkimResult.PASS);
        assertThat(rsa.algorithm()).isEqualTo("rsa-sha256");
        assertThat(rsa.keyBits()).isEqualTo(2048);
        DkimOutput ed = only(signed(ED, "ed", MESSAGE));
        assertThat(ed.result()).as(ed.reason()).isEqualTo(DkimResult.PASS);
        assertThat(ed).extracting(DkimOutput::domain, DkimOutput::selector, DkimOutput::identity)
                .containsExactly("example.org", "ed", "@example.org");
    }

    @Test
    void signatureOverSignsAndNeverUsesBodyLength() throws Exception {
        byte[] message = signed(ED, "ed", MESSAGE);
        HeaderField field = AuthenticatedMessage.parse(message).dkimSignatures().get(0);
        DkimSignature signature = DkimSignature.parse(field.value());
        assertThat(signature.signedHeaders()).containsSubsequence("from", "from", "to", "to", "cc", "subject",
                "subject", "date", "date", "message-id", "message-id", "reply-to");
        assertThat(signature.bodyLength()).isEqualTo(-1);
        assertThat(signature.timestamp()).isEqualTo(NOW.getEpochSecond());
        assertThat(signature.headerCanon()).isEqualTo(Canonicalization.RELAXED);
        assertThat(signature.bodyCanon()).isEqualTo(Canonicalization.RELAXED);
        for (String line : new String(field.raw(), StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        // The rest of the message is unchanged.
        assertThat(new String(message, StandardCharsets.UTF_8)).endsWith(MESSAGE);
    }

    @Test
    void overSigningCountsFieldsWhateverTheirCase() throws Exception {
        String message = "from: Alice <alice@example.org>\r\nSUBJECT: one\r\nSubject: two\r\nx-tag: 1\r\n\r\nHi\r\n";
        DkimSigner signer = DkimSigner.builder("example.org", "ed", ED).clock(CLOCK).headers(List.of("Subject", "X-Tag", "X-None"))
                .build();
        byte[] signed = signer.signed(MessageContent.of(bytes(message))).toByteArray();
        HeaderField field = AuthenticatedMessage.parse(signed).dkimSignatures().get(0);
        assertThat(field.value().replaceAll("[ \\t]", "")).contains("h=From:From:Subject:Subject:Subject:X-Tag:X-Tag:X-None;");
        assertThat(only(signed).result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void relaxedCanonicalisationSurvivesWhitespaceAndCaseChanges() throws Exception {
        String original = new String(signed(ED, "ed", MESSAGE), StandardCharsets.UTF_8);
        String rewritten = original.replace("Subject: Lunch", "SUBJECT:   Lunch  ").replace("lunch   tomorrow", "lunch tomorrow");
        assertThat(only(bytes(rewritten)).result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void tamperingFails() throws Exception {
        String signed = new String(signed(RSA, "rsa", MESSAGE), StandardCharsets.UTF_8);
        assertThat(only(bytes(signed.replace("Shall we", "Shan't we"))))
                .extracting(DkimOutput::result, DkimOutput::reason)
                .containsExactly(DkimResult.FAIL, "body hash mismatch");
        assertThat(only(bytes(signed.replace("Subject: Lunch", "Subject: Dinner"))))
                .extracting(DkimOutput::result, DkimOutput::reason)
                .containsExactly(DkimResult.FAIL, "signature did not verify");
        // Appending a body line breaks the body hash.
        assertThat(only(bytes(signed + "P.S. buy now\r\n")).result()).isEqualTo(DkimResult.FAIL);
        // Trailing empty lines are not content: adding them keeps the signature valid.
        assertThat(only(bytes(signed + "\r\n\r\n")).result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void overSigningStopsAddedHeaders() throws Exception {
        String signed = new String(signed(ED, "ed", MESSAGE), StandardCharsets.UTF_8);
        int body = signed.indexOf("\r\n\r\n") + 2;
        String secondFrom = signed.substring(0, body) + "From: Mallory <m@example.org>\r\n" + signed.substring(body);
        assertThat(only(bytes(secondFrom)).result()).isEqualTo(DkimResult.FAIL);
        String addedCc = signed.substring(0, body) + "Cc: eve@example.net\r\n" + signed.substring(body);
        assertThat(only(bytes(addedCc)).result()).isEqualTo(DkimResult.FAIL);
        // A field the signer did not name may be added.
        String addedReceived = "Received: from relay by mx; Tue, 14 Nov 2023 22:14:00 +0000\r\n" + signed;
        assertThat(only(bytes(addedReceived)).result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void severalSignaturesAreEachReported() throws Exception {
        byte[] twice = DkimSigner.builder("example.org", "rsa", RSA).clock(CLOCK).build()
                .signed(MessageContent.of(signed(ED, "ed", MESSAGE))).toByteArray();
        byte[] thrice = CustomSignature.sign(twice, OTHER, "v=1; a=ed25519-sha256; d=example.org; s=ed; h=from",
                Canonicalization.SIMPLE, Canonicalization.SIMPLE, -1, List.of("from"));
        assertThat(verify(thrice)).extracting(DkimOutput::result, DkimOutput::selector)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DkimResult.FAIL, "ed"),
                        org.assertj.core.groups.Tuple.tuple(DkimResult.PASS, "rsa"),
                        org.assertj.core.groups.Tuple.tuple(DkimResult.PASS, "ed"));
    }

    @Test
    void noSignatureGivesNoResults() throws Exception {
        assertThat(verify(bytes(MESSAGE))).isEmpty();
    }

    @Test
    void simpleCanonicalisationVerifiesAndIsStrict() throws Exception {
        byte[] message = CustomSignature.sign(bytes(MESSAGE), ED, "v=1; a=ed25519-sha256; c=simple/simple; d=example.org; s=ed; h=from:subject",
                Canonicalization.SIMPLE, Canonicalization.SIMPLE, -1, List.of("from", "subject"));
        assertThat(only(message).result()).isEqualTo(DkimResult.PASS);
        String changed = new String(message, StandardCharsets.UTF_8).replace("Subject: Lunch", "Subject:  Lunch");
        assertThat(only(bytes(changed)).result()).isEqualTo(DkimResult.FAIL);
    }

    @Test
    void bodyLengthIsPolicyByDefaultAndPassWhenAccepted() throws Exception {
        String tags = "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=ed; h=from:subject; l=10";
        byte[] message = CustomSignature.sign(bytes(MESSAGE), ED, tags, Canonicalization.RELAXED,
                Canonicalization.RELAXED, 10, List.of("from", "subject"));
        DkimOutput result = only(message);
        assertThat(result.result()).isEqualTo(DkimResult.POLICY);
        assertThat(result.unsignedBodyOctets()).isGreaterThan(0);
        assertThat(result.reason()).startsWith("l= leaves ").endsWith(" octets of the body unsigned");
        DkimVerifier accepting = DkimVerifier.builder(DNS).clock(CLOCK).acceptBodyLength(true).build();
        DkimOutput accepted = accepting.verify(AuthenticatedMessage.parse(message)).get(0);
        assertThat(accepted.result()).isEqualTo(DkimResult.PASS);
        assertThat(accepted.isBodyPartlyUnsigned()).isTrue();
        // Appended content is still covered only up to l=.
        byte[] appended = (new String(message, StandardCharsets.UTF_8) + "Click here\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(only(appended).result()).isEqualTo(DkimResult.POLICY);
        // l= longer than the body fails.
        String longTags = tags.replace("l=10", "l=100000");
        byte[] tooLong = CustomSignature.sign(bytes(MESSAGE), ED, longTags, Canonicalization.RELAXED,
                Canonicalization.RELAXED, 100000, List.of("from", "subject"));
        assertThat(only(tooLong)).extracting(DkimOutput::result, DkimOutput::reason)
                .containsExactly(DkimResult.FAIL, "l= is longer than the body");
    }

    @Test
    void bodyLengthCoveringTheWholeBodyPasses() throws Exception {
        String tags = "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=ed; h=from; l=40";
        byte[] message = CustomSignature.sign(bytes(MESSAGE), ED, tags, Canonicalization.RELAXED,
                Canonicalization.RELAXED, 40, List.of("from"));
        DkimOutput result = only(message);
        assertThat(result.result()).as(result.reason()).isEqualTo(DkimResult.PASS);
        assertThat(result.unsignedBodyOctets()).isZero();
    }

    private DkimOutput custom(String tags, List<String> headers) throws Exception {
        return only(CustomSignature.sign(bytes(MESSAGE), ED, tags, Canonicalization.RELAXED, Canonicalization.RELAXED,
                -1, headers));
    }

    @Test
    void keyPolicies() throws Exception {
        String base = "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; h=from; ";
        assertThat(custom(base + "s=wrong", List.of("from")))
                .extracting(DkimOutput::result, DkimOutput::reason).containsExactly(DkimResult.FAIL, "signature did not verify");
        assertThat(custom(base + "s=revoked", List.of("from")))
                .extracting(DkimOutput::result, DkimOutput::reason).containsExactly(DkimResult.FAIL, "key revoked");
        assertThat(custom(base + "s=missing", List.of("from")).result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(custom(base + "s=web", List.of("from")).reason()).contains("not for email");
        assertThat(custom(base + "s=mismatch", List.of("from")).result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(custom(base + "s=strict; i=@example.org", List.of("from")).result()).isEqualTo(DkimResult.PASS);
        assertThat(custom(base + "s=strict; i=@news.example.org", List.of("from")))
                .extracting(DkimOutput::result, DkimOutput::reason)
                .containsExactly(DkimResult.PERMERROR, "key requires the i= domain to be d= (t=s)");
        assertThat(custom(base + "s=testing", List.of("from"))).extracting(DkimOutput::result, DkimOutput::testing)
                .containsExactly(DkimResult.PASS, true);
        String brokenTags = "v=1; a=ed25519-sha256; d=broken.example.org; h=from; s=ed";
        assertThat(custom(brokenTags, List.of("from")).result()).isEqualTo(DkimResult.TEMPERROR);
    }

    @Test
    void rsaPolicies() throws Exception {
        String rsaSha1 = "v=1; a=rsa-sha1; d=example.org; s=rsa; h=from";
        byte[] message = CustomSignature.sign(bytes(MESSAGE), RSA, rsaSha1, Canonicalization.SIMPLE,
                Canonicalization.SIMPLE, -1, List.of("from"));
        assertThat(only(message)).extracting(DkimOutput::result, DkimOutput::reason)
                .containsExactly(DkimResult.FAIL, "rsa-sha1 is not accepted (RFC 8301)");
        DkimVerifier neutral = DkimVerifier.builder(DNS).clock(CLOCK).rsaSha1Result(DkimResult.NEUTRAL).build();
        assertThat(neutral.verify(AuthenticatedMessage.parse(message)).get(0).result()).isEqualTo(DkimResult.NEUTRAL);
        byte[] sha1Key = CustomSignature.sign(bytes(MESSAGE), RSA, "v=1; a=rsa-sha256; d=example.org; s=sha1only; h=from",
                Canonicalization.SIMPLE, Canonicalization.SIMPLE, -1, List.of("from"));
        assertThat(only(sha1Key).reason()).isEqualTo("key does not allow sha256");
        byte[] shortKey = CustomSignature.sign(bytes(MESSAGE), RSA, "v=1; a=rsa-sha256; d=example.org; s=short; h=from",
                Canonicalization.SIMPLE, Canonicalization.SIMPLE, -1, List.of("from"));
        assertThat(only(shortKey)).extracting(DkimOutput::result, DkimOutput::reason)
                .containsExactly(DkimResult.PERMERROR, "RSA key of 512 bits is shorter than 1024");
    }

    @Test
    void malformedSignaturesArePermerrors() throws Exception {
        String base = "v=1; a=ed25519-sha256; d=example.org; s=ed; ";
        assertThat(custom(base + "h=subject", List.of("subject")).reason()).isEqualTo("h= does not include From");
        assertThat(custom("v=1; a=ed25519-sha256; d=example.org; h=from", List.of("from")).reason()).isEqualTo("missing s= tag");
        assertThat(custom(base + "h=from; i=@example.com", List.of("from")).reason()).contains("not within d=");
        assertThat(custom("v=2; a=ed25519-sha256; d=example.org; s=ed; h=from", List.of("from")).result())
                .isEqualTo(DkimResult.PERMERROR);
        assertThat(custom(base + "h=from; a=rsa-sha256", List.of("from")).reason()).isEqualTo("duplicate tag 'a'");
        assertThat(custom("v=1; a=hmac-md5; d=example.org; s=ed; h=from", List.of("from")).reason()).contains("unknown algorithm");
        assertThat(custom(base + "h=from; q=http", List.of("from")).reason()).contains("unsupported query method");
        assertThat(custom(base + "h=from; t=200; x=100", List.of("from")).reason()).isEqualTo("x= is not after t=");
    }

    @Test
    void timeWindow() throws Exception {
        String base = "v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=ed; h=from; ";
        long now = NOW.getEpochSecond();
        assertThat(custom(base + "x=" + (now - 3600), List.of("from")))
                .extracting(DkimOutput::result, DkimOutput::reason).containsExactly(DkimResult.FAIL, "signature expired");
        DkimOutput withinSkew = custom(base + "x=" + (now - 60), List.of("from"));
        assertThat(withinSkew.result()).as(withinSkew.reason()).isEqualTo(DkimResult.PASS);
        assertThat(custom(base + "t=" + (now + 3600), List.of("from")).reason()).isEqualTo("signature timestamp in the future");
        assertThat(custom(base + "t=" + (now + 60), List.of("from")).result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void cachedKeysGiveTheSameResults() throws Exception {
        AuthCache cache = AuthCache.create(100, Duration.ofMinutes(10));
        DkimVerifier cached = DkimVerifier.builder(DNS).clock(CLOCK).cache(cache).build();
        byte[] message = signed(RSA, "rsa", MESSAGE);
        for (int i = 0; i < 3; i++) {
            assertThat(cached.verify(AuthenticatedMessage.parse(message)).get(0).result()).isEqualTo(DkimResult.PASS);
        }
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void tooManySignaturesAreNotChecked() throws Exception {
        byte[] message = bytes(MESSAGE);
        DkimSigner signer = DkimSigner.builder("example.org", "ed", ED).clock(CLOCK).build();
        for (int i = 0; i < 3; i++) {
            message = signer.signed(MessageContent.of(message)).toByteArray();
        }
        DkimVerifier two = DkimVerifier.builder(DNS).clock(CLOCK).maxSignatures(2).build();
        assertThat(two.verify(AuthenticatedMessage.parse(message))).extracting(DkimOutput::result)
                .containsExactly(DkimResult.PASS, DkimResult.PASS, DkimResult.PERMERROR);
    }

    @Test
    void keysRoundTripThroughPemAndFiles(@TempDir Path dir) throws Exception {
        for (DkimSigningKey key : List.of(RSA, ED)) {
            DkimSigningKey read = DkimSigningKey.fromPem(key.toPem());
            assertThat(read.dnsRecord()).isEqualTo(key.dnsRecord());
            assertThat(key.toPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        }
        // Ed25519 keys are written as the 48-octet RFC 8410 structure OpenSSL writes and reads.
        String edPem = ED.toPem().replaceAll("-----[A-Z ]+-----|\\s", "");
        assertThat(Base64.getDecoder().decode(edPem)).hasSize(48);
        DkimSigningKey.KeyFiles files = ED.writeFiles(dir, "example.org", "mail");
        assertThat(files.privateKey()).hasFileName("example.org_mail.key");
        assertThat(Files.readString(files.dnsRecord())).isEqualTo(ED.dnsRecord() + "\n");
        assertThat(DkimSigningKey.read(files.privateKey()).dnsRecord()).isEqualTo(ED.dnsRecord());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey())))
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> ED.writeFiles(dir, "example.org", "mail")).hasMessageContaining("exists already");
        assertThatThrownBy(() -> DkimSigningKey.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DkimSigningKey.generateRsa(512)).hasMessageContaining("1024");
    }

    @Test
    void signerSettingsAreValidated() {
        assertThatThrownBy(() -> DkimSigner.builder("not a domain", "s", ED).build()).hasMessageContaining("domain");
        assertThatThrownBy(() -> DkimSigner.builder("example.org", "bad selector", ED).build()).hasMessageContaining("selector");
        assertThatThrownBy(() -> DkimSigner.builder("example.org", "s", ED).headers(List.of("Bad:Name")).build())
                .hasMessageContaining("header name");
        assertThatThrownBy(() -> DkimVerifier.builder(DNS).rsaSha1Result(DkimResult.PASS).build())
                .hasMessageContaining("rsaSha1Result");
    }

    @Test
    void signatureWithExpiryCarriesX() throws Exception {
        DkimSigner signer = DkimSigner.builder("example.org", "ed", ED).clock(CLOCK).expireAfter(Duration.ofDays(7)).build();
        HeaderField field = signer.sign(AuthenticatedMessage.parse(bytes(MESSAGE)));
        assertThat(DkimSignature.parse(field.value()).expiration()).isEqualTo(NOW.getEpochSecond() + 7 * 86400);
    }
}
