package dev.mailwright.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.mime.Headers;
import dev.mailwright.core.user.InMemoryUserDirectory;
import dev.mailwright.core.user.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SenderAuthorizationTest {

    private final SenderAuthorization authorization;

    SenderAuthorizationTest() {
        InMemoryUserDirectory users = new InMemoryUserDirectory(PasswordHasher.builder().memoryKiB(64).iterations(1).build());
        users.create("alice@example.org", "pw");
        users.create("bob@example.org", "pw");
        AddressRewriter rewriter = new AddressRewriter(Set.of("example.org"), users,
                Map.of("info@example.org", List.of("alice@example.org")), Map::of, List.of(), true, Optional.empty(),
                MailAddress.parse("postmaster@example.org"), users::list);
        authorization = new SenderAuthorization(rewriter);
    }

    private static Headers headers(String text) throws Exception {
        return Headers.parse((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void envelopeSender() {
        assertThat(authorization.mayUseEnvelopeSender(Optional.of(MailAddress.parse("alice@example.org")), "alice@example.org")).isTrue();
        assertThat(authorization.mayUseEnvelopeSender(Optional.of(MailAddress.parse("info@example.org")), "alice@example.org")).isTrue();
        assertThat(authorization.mayUseEnvelopeSender(Optional.of(MailAddress.parse("bob@example.org")), "alice@example.org")).isFalse();
        assertThat(authorization.mayUseEnvelopeSender(Optional.of(MailAddress.parse("alice@gmail.example")), "alice@example.org")).isFalse();
        assertThat(authorization.mayUseEnvelopeSender(Optional.empty(), "alice@example.org")).isFalse();
    }

    @Test
    void fromField() throws Exception {
        assertThat(authorization.checkFromField(headers("From: Alice <alice@example.org>\r\n"), "alice@example.org")).isEmpty();
        assertThat(authorization.checkFromField(headers("From: alice+news@example.org, info@example.org\r\n"), "alice@example.org")).isEmpty();
        assertThat(authorization.checkFromField(headers("From: Bob <bob@example.org>\r\n"), "alice@example.org"))
                .hasValue("From address bob@example.org does not belong to alice@example.org");
        assertThat(authorization.checkFromField(headers("From: a@example.org\r\nFrom: alice@example.org\r\n"), "alice@example.org"))
                .hasValue("the message has several From fields");
        assertThat(authorization.checkFromField(headers("Subject: none\r\n"), "alice@example.org"))
                .hasValue("the message has no From field");
        assertThat(authorization.checkFromField(headers("From: <<<\r\n"), "alice@example.org"))
                .hasValue("the From field is not a valid address list");
        assertThat(authorization.checkFromField(headers("From: alice@example.org, bob@example.org\r\n"), "alice@example.org"))
                .isPresent();
    }
}
