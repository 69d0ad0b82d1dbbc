package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth-check and dkim keygen/sign/verify end to end, DNS from zone files in a temporary directory. */
class AuthCommandsTest {

    private static final String MESSAGE = """
            From: Alice <alice@example.org>\r
            To: bob@example.net\r
            Subject: Hello\r
            \r
            Hi Bob.\r
            """;

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private ByteArrayOutputStream raw = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        raw = new ByteArrayOutputStream();
        return Mailwright.execute(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), raw,
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** A key pair made with keygen, and a zone publishing it with SPF and DMARC records. */
    private Path zoneWithKey(String algorithm) throws Exception {
        assertThat(run("", "dkim", "keygen", "--domain", "example.org", "--selector", "sel", "--algorithm", algorithm,
                "--out", dir.resolve("keys").toString())).as(err.toString()).isZero();
        String record = Files.readString(dir.resolve("keys/example.org_sel.dns")).strip();
        StringBuilder txt = new StringBuilder();
        for (int i = 0; i < record.length(); i += 200) {
            txt.append('"').append(record, i, Math.min(record.length(), i + 200)).append("\" ");
        }
        return write("example.org.zone", "$ORIGIN example.org.\n$TTL 300\n"
                + "@ TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
                + "_dmarc TXT \"v=DMARC1; p=quarantine\"\n"
                + "sel._domainkey TXT " + txt + "\n"
                + "$ORIGIN example.net.\n"
                + "@ TXT \"v=spf1 -all exp=why.example.net\"\n"
                + "why TXT \"%{i} is not allowed\"\n");
    }

    @Test
    void authCheckWithoutMessageChecksSpfOnly() throws Exception {
        Path zone = zoneWithKey("ed25519");
        assertThat(run("", "auth-check", "--ip", "192.0.2.7", "--helo", "mail.example.org", "--mail-from",
                "alice@example.org", "--dns-zone", zone.toString(), "--authserv-id", "mx.example.com")).isZero();
        assertThat(out.toString().strip()).isEqualTo("mx.example.com; spf=pass smtp.mailfrom=example.org");
        assertThat(run("", "auth-check", "--ip", "198.51.100.1", "--helo", "mail.example.net", "--mail-from",
                "x@example.net", "--dns-zone", zone.toString(), "--json")).isZero();
        assertThat(out.toString().strip()).isEqualTo("{\"spf\":{\"result\":\"fail\",\"domain\":\"example.net\","
                + "\"explanation\":\"198.51.100.1 is not allowed\"},\"dkim\":[],\"dmarc\":null}");
    }

    @Test
    void signThenCheckEverything() throws Exception {
        Path zone = zoneWithKey("rsa2048");
        assertThat(run(MESSAGE, "dkim", "sign", "--key", dir.resolve("keys/example.org_sel.key").toString(),
                "--domain", "example.org", "--selector", "sel")).as(err.toString()).isZero();
        String signed = raw.toString(StandardCharsets.UTF_8);
        assertThat(signed).startsWith("DKIM-Signature: v=1; a=rsa-sha256;").endsWith(MESSAGE);
        Path message = write("signed.eml", signed);

        assertThat(run("", "auth-check", "--ip", "198.51.100.1", "--helo", "relay.example.com", "--mail-from",
                "alice@example.org", "--message", message.toString(), "--dns-zone", zone.toString(),
                "--authserv-id", "mx.example.com")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("mx.example.com; spf=fail smtp.mailfrom=example.org; "
                + "dkim=pass header.d=example.org header.s=sel; dmarc=pass (p=quarantine dis=none) header.from=example.org");

        assertThat(run("", "auth-check", "--ip", "198.51.100.1", "--helo", "relay.example.com", "--mail-from",
                "alice@example.org", "--message", message.toString(), "--dns-zone", zone.toString(), "--json")).isZero();
        assertThat(out.toString().strip()).isEqualTo("{\"spf\":{\"result\":\"fail\",\"domain\":\"example.org\","
                + "\"explanation\":\"\"},\"dkim\":[{\"result\":\"pass\",\"domain\":\"example.org\",\"selector\":\"sel\"}],"
                + "\"dmarc\":{\"result\":\"pass\",\"policy\":\"none\"}}");

        assertThat(run(signed, "dkim", "verify", "--dns-zone", zone.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("dkim=pass header.d=example.org header.s=sel");

        assertThat(run(signed.replace("Hi Bob.", "Hi Eve."), "dkim", "verify", "--dns-zone", zone.toString()))
                .isEqualTo(1);
        assertThat(out.toString().strip()).isEqualTo("dkim=fail (body hash mismatch) header.d=example.org header.s=sel");
    }

    @Test
    void signKeepsLfLineEndsAndVerifies() throws Exception {
        Path zone = zoneWithKey("ed25519");
        String unix = MESSAGE.replace("\r\n", "\n");
        assertThat(run(unix, "dkim", "sign", "--key", dir.resolve("keys/example.org_sel.key").toString(),
                "--domain", "example.org", "--selector", "sel")).isZero();
        String signed = raw.toString(StandardCharsets.UTF_8);
        assertThat(signed).doesNotContain("\r").endsWith(unix).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;");
        assertThat(run(signed, "dkim", "verify", "--dns-zone", zone.toString())).isZero();
    }

    @Test
    void verifyWithoutSignatureSaysNoneAndExitsOne() throws Exception {
        assertThat(run(MESSAGE, "dkim", "verify", "--dns-zone", zoneWithKey("ed25519").toString())).isEqualTo(1);
        assertThat(out.toString().strip()).isEqualTo("dkim=none");
    }

    @Test
    void keygenWritesPemAndTheDnsRecord() throws Exception {
        assertThat(run("", "dkim", "keygen", "--domain", "example.org", "--selector", "s1", "--algorithm", "ed25519",
                "--out", dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("example.org_s1.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("example.org_s1.dns"))).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/=]{44}\n");
        assertThat(out.toString()).contains("publish: s1._domainkey.example.org. IN TXT \"v=DKIM1; k=ed25519; p=");
        // An existing key is never replaced.
        assertThat(run("", "dkim", "keygen", "--domain", "example.org", "--selector", "s1", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("exists already");
    }

    @Test
    void usageAndInputErrorsAreOneLineWithExitStatusTwo() throws Exception {
        assertThat(run("", "auth-check", "--ip", "192.0.2.1", "--helo", "h.example")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--mail-from");
        assertThat(run("", "auth-check", "--ip", "not-an-ip", "--helo", "h", "--mail-from", "a@b.example")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailwright: --ip: not an IP address: 'not-an-ip'");
        Path broken = write("broken.zone", "example.org. 300 IN MX ten mail\n");
        assertThat(run("", "auth-check", "--ip", "192.0.2.1", "--helo", "h.example", "--mail-from", "a@example.org",
                "--dns-zone", broken.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("mailwright: " + broken);
        assertThat(run("", "auth-check", "--ip", "192.0.2.1", "--helo", "h.example", "--mail-from", "a@example.org",
                "--message", dir.resolve("missing.eml").toString(), "--dns-zone", write("ok.zone", "").toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).endsWith("missing.eml: no such file");
        assertThat(run(MESSAGE, "dkim", "sign", "--key", dir.resolve("nokey.pem").toString(), "--domain", "example.org",
                "--selector", "s")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("nokey.pem");
        assertThat(run("", "dkim", "keygen", "--domain", "example.org", "--selector", "s", "--algorithm", "dsa",
                "--out", dir.toString())).isEqualTo(2);
        assertThat(run("", "dkim", "verify", "--dns-zone", "a.zone", "--dns", "127.0.0.1:53")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailwright: --dns-zone and --dns cannot be used together");
    }

    @Test
    void helpListsTheNewCommands() {
        assertThat(run("", "--help")).isZero();
        assertThat(out.toString()).contains("auth-check").contains("dkim");
        assertThat(run("", "dkim", "--help")).isZero();
        assertThat(out.toString()).contains("keygen").contains("sign").contains("verify");
    }
}
