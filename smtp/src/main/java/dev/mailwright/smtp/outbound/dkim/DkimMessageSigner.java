package dev.mailwright.smtp.outbound.dkim;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.MessageSigner;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Signs outbound mail of local domains with DKIM (RFC 6376) before it is queued. The signing
 * domain is the author domain of the From field when it is local, so that DMARC (RFC 7489 §3.1.1)
 * finds the signature aligned; otherwise the envelope sender's domain when that is local; mail of
 * other domains (relayed for someone else) is left unsigned. Keys come from a {@link DkimKeyStore};
 * every local domain's key is created when the signer is built, i.e. on first start.
 */
public final class DkimMessageSigner implements MessageSigner {

    private final DkimKeyStore keys;
    private final Set<String> localDomains;
    private final Clock clock;

    private DkimMessageSigner(DkimKeyStore keys, Set<String> localDomains, Clock clock) {
        this.keys = keys;
        this.localDomains = localDomains;
        this.clock = clock;
    }

    /**
     * A signer for {@code localDomains} (A-labels); generates each domain's key now if it has none.
     *
     * @throws java.io.UncheckedIOException if a key cannot be read or written
     */
    public static DkimMessageSigner create(DkimKeyStore keys, Collection<String> localDomains, Clock clock) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        Set<String> domains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("DKIM signing needs at least one local domain");
        }
        domains.forEach(keys::keyFor);
        return new DkimMessageSigner(keys, domains, clock);
    }

    /** The domain whose key signs this message, if any. */
    Optional<String> signingDomain(Envelope envelope, AuthenticatedMessage message) {
        Optional<String> author = message.fromDomain().filter(localDomains::contains);
        if (author.isPresent()) {
            return author;
        }
        return envelope.sender().map(s -> s.asciiDomain().toLowerCase(Locale.ROOT)).filter(localDomains::contains);
    }

    @Override
    public byte[] sign(Envelope envelope, MessageContent content) throws IOException {
        AuthenticatedMessage message = AuthenticatedMessage.parse(content);
        Optional<String> domain = signingDomain(envelope, message);
        if (domain.isEmpty()) {
            return new byte[0];
        }
        DkimSigner signer = DkimSigner.builder(domain.get(), keys.selector(), keys.keyFor(domain.get()))
                .clock(clock).build();
        return signer.sign(message).raw();
    }
}
