package dev.mailwright.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tags of a DKIM-Signature field (RFC 6376 §3.5) as read from its unfolded value. */
class DkimSignatureTest {

    private static final String BASE = "v=1; a=rsa-sha256; d=Example.ORG.; s=Sel_1.x; b=dGVz\r\n dA==; bh=Ym9keQ==; ";

    @Test
    void tagsAreReadAndNormalised() throws Exception {
        DkimSignature signature = DkimSignature.parse(BASE + "c=relaxed/simple; h=From : To:\r\n\tSUBJECT:from; "
                + "i=user@Mail.Example.org; l=10; t=100; x=200; q=dns/txt");
        assertThat(signature.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(signature.signature()).isEqualTo("test".getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.bodyHash()).isEqualTo("body".getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.headerCanon()).isEqualTo(Canonicalization.RELAXED);
        assertThat(signature.bodyCanon()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(signature.domain()).isEqualTo("example.org");
        assertThat(signature.selector()).isEqualTo("sel_1.x");
        assertThat(signature.signedHeaders()).containsExactly("from", "to", "subject", "from");
        assertThat(signature.identity()).isEqualTo("user@Mail.Example.org");
        assertThat(signature.bodyLength()).isEqualTo(10);
        assertThat(signature.timestamp()).isEqualTo(100);
        assertThat(signature.expiration()).isEqualTo(200);
    }

    @Test
    void defaults() throws Exception {
        DkimSignature signature = DkimSignature.parse(BASE + "h=from");
        assertThat(signature.headerCanon()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(signature.bodyCanon()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(signature.identity()).isEqualTo("@example.org");
        assertThat(signature.bodyLength()).isEqualTo(-1);
        assertThat(signature.timestamp()).isEqualTo(-1);
        assertThat(signature.expiration()).isEqualTo(-1);
        assertThat(DkimSignature.parse(BASE + "h=from; t=" + "9".repeat(30)).timestamp()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void nonAsciiFieldNamesAreLowerCasedOneByOne() throws Exception {
        // Names are lower-cased with the root locale's rules; the Kelvin sign becomes an ASCII k.
        assertThat(DkimSignature.parse(BASE + "h=from:\u212Aey:\u00c9t\u00c9").signedHeaders())
                .containsExactly("from", "key", "\u00e9t\u00e9");
        assertThat(DkimSignature.parse(BASE + "h=From:A\u03a3:B").signedHeaders()).containsExactly("from", "a\u03c2", "b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "h=from:|empty field name in h=",
        "h=:from|empty field name in h=",
        "h=from::to|empty field name in h=",
        "h=subject|h= does not include From",
        "h=fromage|h= does not include From",
        "h=from; l=1a|invalid l=1a",
        "h=from; l=|invalid l=",
        "h=from; t=200; x=200|x= is not after t=",
        "h=from; i=user.example.org|i= has no '@'",
        "h=from; q=http/well-known|unsupported query method q=http/well-known",
        "h=from; c=fancy|unknown canonicalization c=fancy",
    })
    void malformedTagsAreNamed(String tags, String message) {
        assertThatThrownBy(() -> DkimSignature.parse(BASE + tags)).isInstanceOf(DkimSyntaxException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v=1; a=rsa-sha256; d=example.org; s=s; b=dGVzdA==; bh=Ym9k\u00e9eQ==; h=from|bh= is not valid base64",
        "v=1; a=rsa-sha256; d=example.org; s=s; b=dGVz*dA==; bh=Ym9keQ==; h=from|b= is not valid base64",
        "v=1; a=rsa-sha256; d=example.org; s=s; b=; bh=Ym9keQ==; h=from|empty b= or bh= tag",
        "v=1; a=rsa-sha256; d=example.org; s=bad/selector; b=dGVzdA==; bh=Ym9keQ==; h=from|invalid s=bad/selector",
        "v=1; a=rsa-sha256; d=localhost_; s=s; b=dGVzdA==; bh=Ym9keQ==; h=from|invalid d=localhost_",
    })
    void malformedValuesAreNamed(String value, String message) {
        assertThatThrownBy(() -> DkimSignature.parse(value)).isInstanceOf(DkimSyntaxException.class).hasMessage(message);
    }
}
