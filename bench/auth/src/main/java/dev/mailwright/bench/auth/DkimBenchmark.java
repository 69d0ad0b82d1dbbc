package dev.mailwright.bench.auth;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.auth.dkim.DkimVerifier;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.core.mime.HeaderField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DKIM signing and verification of a typical 5 KB message (a dozen header fields, a text body),
 * each operation including the header parse, the body canonicalisation and hash, and the
 * signature. Verification takes the key from the cache after the first message, as a running
 * server does. {@link CryptoBenchmark} measures the bare signature operations for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 2)
@Fork(2)
public class DkimBenchmark {

    @Param({"rsa-sha256", "ed25519-sha256"})
    public String algorithm;

    private DkimSigner signer;
    private DkimVerifier verifier;
    private byte[] unsigned;
    private byte[] signed;

    @Setup
    public void setUp() throws IOException {
        DkimSigningKey key = algorithm.startsWith("rsa") ? DkimSigningKey.generateRsa() : DkimSigningKey.generateEd25519();
        String record = key.dnsRecord();
        StringBuilder txt = new StringBuilder();
        for (int i = 0; i < record.length(); i += 200) {
            txt.append('"').append(record, i, Math.min(record.length(), i + 200)).append("\" ");
        }
        signer = DkimSigner.builder("example.org", "bench", key).build();
        AuthCache cache = AuthCache.create(100, Duration.ofHours(1));
        verifier = DkimVerifier.builder(ZoneFileResolver.builder()
                        .record("bench._domainkey.example.org. TXT " + txt).build())
                .cache(cache)
                .build();
        unsigned = message();
        signed = signer.signed(MessageContent.of(unsigned)).toByteArray();
        List<DkimOutput> check = verifier.verify(AuthenticatedMessage.parse(signed));
        if (check.size() != 1 || check.get(0).result() != DkimResult.PASS) {
            throw new IllegalStateException("the benchmark message does not verify: " + check);
        }
        if (cache.size() != 1) {
            throw new IllegalStateException("the verifier did not cache the key: " + cache);
        }
    }

    /** About 5 KB: typical headers and a plain-text body of 80-column lines. */
    static byte[] message() {
        StringBuilder m = new StringBuilder(5200);
        m.append("Received: from mail.example.net (mail.example.net [192.0.2.25])\r\n\tby mx.example.org with ESMTPS id 4XyZ; Tue, 14 Nov 2023 22:13:20 +0000\r\n");
        m.append("From: Alice Example <alice@example.org>\r\n");
        m.append("To: Bob Example <bob@example.net>, Carol <carol@example.net>\r\n");
        m.append("Cc: team@example.org\r\n");
        m.append("Subject: Quarterly report and the plans for next quarter\r\n");
        m.append("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n");
        m.append("Message-ID: <20231114221320.12345@example.org>\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: text/plain; charset=utf-8\r\n");
        m.append("Content-Transfer-Encoding: 8bit\r\n");
        m.append("\r\n");
        int line = 0;
        while (m.length() < 5 * 1024) {
            m.append("Line ").append(line++).append(": the figures for this quarter are in the attached table;   see below.\r\n");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The header parse alone, which both sign and verify include. */
    @Benchmark
    public AuthenticatedMessage parse() throws IOException {
        return AuthenticatedMessage.parse(signed);
    }

    @Benchmark
    public HeaderField sign() throws IOException {
        return signer.sign(AuthenticatedMessage.parse(unsigned));
    }

    @Benchmark
    public List<DkimOutput> verify() throws IOException {
        return verifier.verify(AuthenticatedMessage.parse(signed));
    }
}
