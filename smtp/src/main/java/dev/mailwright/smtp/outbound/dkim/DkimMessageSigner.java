package dev.mailwright.smtp.outbound.dkim;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.MessageSigner;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs outbound mail of local domains with DKIM (RFC 6376) before it is queued. The signing
 * domain is the author domain of the From field when it is local, so that DMARC (RFC 7489 §3.1.1)
 * finds the signature aligned; otherwise the envelope sender's domain when that is local; mail of
 * other domains (relayed for someone else) is left unsigned. Keys come from a {@link DkimKeyStore};
 * every local domain's key is created when the signer is built, i.e. on first start. A local
 * domain that cannot sign (a single label such as {@code localhost}, RFC 6376 §3.5) is named
 * once in the log then and its mail goes out unsigned.
 */
public final class DkimMessageSigner implements MessageSigner {

    private static final Logger log = LoggerFactory.getLogger(DkimMessageSigner.class);

    private final Set<String> localDomains;
    /** The signer of each local domain that can sign. */
    private final Map<String, DkimSigner> signers;

    private DkimMessageSigner(Set<String> localDomains, Map<String, DkimSigner> signers) {
        this.localDomains = localDomains;
        this.signers = signers;
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
        Map<String, DkimSigner> signers = new HashMap<>();
        for (String domain : domains) {
            if (DkimSigner.isSigningDomain(domain)) {
                signers.put(domain, DkimSigner.builder(domain, keys.selector(), keys.keyFor(domain)).clock(clock).build());
            } else {
                log.warn("DKIM: mail from {} goes out unsigned: a signing domain needs at least two labels", domain);
            }
        }
        return new DkimMessageSigner(domains, Map.copyOf(signers));
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
        DkimSigner signer = signingDomain(envelope, message).map(signers::get).orElse(null);
        return signer == null ? new byte[0] : signer.sign(message).raw();
    }
}
