package dev.mailwright.auth.dkim;

import dev.mailwright.auth.AuthenticatedMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Builds signatures with any tags, to test what our signer never produces (l=, simple, odd h=). */
final class CustomSignature {

    private CustomSignature() {
    }

    /**
     * {@code message} with a DKIM-Signature on top made of {@code tags} (without bh= and b=), signed
     * by {@code key} over {@code signedHeaders} with the given canonicalisation and body length.
     */
    static byte[] sign(byte[] message, DkimSigningKey key, String tags, Canonicalization headerCanon,
            Canonicalization bodyCanon, long bodyLength, List<String> signedHeaders) throws Exception {
        AuthenticatedMessage parsed = AuthenticatedMessage.parse(message);
        BodyCanonicalizer body = new BodyCanonicalizer(bodyCanon, Crypto.digest("SHA-256"),
                bodyLength < 0 ? Long.MAX_VALUE : bodyLength);
        try (InputStream in = parsed.openBody()) {
            byte[] bytes = in.readAllBytes();
            body.update(bytes, 0, bytes.length);
        }
        String field = "DKIM-Signature: " + tags + "; bh=" + Base64.getEncoder().encodeToString(body.finish())
                + ";\r\n b=";
        byte[] unsigned = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] data = new SignedData(parsed.headers().fields()).build(
                signedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(), headerCanon, unsigned);
        String signed = field + Base64.getEncoder().encodeToString(key.sign(data)) + "\r\n";
        byte[] prefix = signed.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }
}
