package dev.mailwright.auth.dkim;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.HeaderField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steps of verifying the rsa-sha256 signature of {@code DkimBenchmark}'s message, apart from
 * the RSA operation, each on its own: where the time goes that is not the signature. It lives in
 * the verifier's package to reach the steps, which are not public.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class DkimStepsBenchmark {

    private MessageContent content;
    private AuthenticatedMessage message;
    private HeaderField field;
    private DkimSignature signature;

    @Setup
    public void setUp() throws Exception {
        DkimSigner signer = DkimSigner.builder("example.org", "bench", DkimSigningKey.generateRsa()).build();
        // In memory as one array, as DkimBenchmark.verify parses it.
        content = MessageContent.of(signer.signed(MessageContent.of(message().getBytes(StandardCharsets.UTF_8))).toByteArray());
        message = AuthenticatedMessage.parse(content);
        field = message.dkimSignatures().get(0);
        signature = DkimSignature.parse(field.value());
    }

    /** The same message as {@code dev.mailwright.bench.auth.DkimBenchmark}'s. */
    private static String message() {
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
        return m.toString();
    }

    /** The header section parsed and the DKIM-Signature field's value decoded. */
    @Benchmark
    public String headerParse() throws IOException {
        return AuthenticatedMessage.parse(content).dkimSignatures().get(0).value();
    }

    /** The DKIM-Signature tags read and checked, b= and bh= decoded. */
    @Benchmark
    public DkimSignature signatureTags() throws DkimSyntaxException {
        return DkimSignature.parse(field.value());
    }

    /** The body read, canonicalised (relaxed) and hashed. */
    @Benchmark
    public byte[] bodyHash() throws IOException {
        BodyCanonicalizer body = new BodyCanonicalizer(Canonicalization.RELAXED, Crypto.digest("SHA-256"), Long.MAX_VALUE);
        BodyCanonicalizer.readBody(message, List.of(body));
        return body.finish();
    }

    /** SHA-256 over the body as it is, for comparison with {@link #bodyHash}: the part no canonicaliser can save. */
    @Benchmark
    public byte[] bodySha256Only() throws IOException {
        try (var in = message.openBody()) {
            return Crypto.digest("SHA-256").digest(in.readAllBytes());
        }
    }

    /** The signed header fields selected and canonicalised with the emptied signature field. */
    @Benchmark
    public byte[] signedHeaderData() {
        return new SignedData(message.headers().fields())
                .build(signature.signedHeaders(), signature.headerCanon(), field.raw());
    }
}
