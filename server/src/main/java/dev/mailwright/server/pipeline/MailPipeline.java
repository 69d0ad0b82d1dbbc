package dev.mailwright.server.pipeline;

import dev.mailwright.auth.EmailAuthenticator;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.smtp.outbound.MessageSigner;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the inbound pipeline needs, shared by every SMTP session of the server:
 * checks and their actions, address rewriting, sender authorization, local delivery, and
 * the outbound queue for remote recipients.
 *
 * @param authservId this host's name in Authentication-Results
 * @param rewriter where local recipients' mail goes
 * @param authenticator SPF, DKIM and DMARC
 * @param policy what failing checks do
 * @param reverseDns the iprev check
 * @param senderDomain the "sender domain takes mail" check
 * @param blocklists DNS block lists
 * @param blocklistRejectScore a score at which a client is refused
 * @param blocklistQuarantineScore a score at which its mail goes to Junk
 * @param rateLimiter messages per client address
 * @param senderAuthorization submission's sender rule
 * @param enforceSender whether submission enforces it
 * @param local final delivery here
 * @param remote the outbound queue
 * @param notices delivery reports: failures after others were accepted, and successes asked for with NOTIFY
 * @param checks where DNS-bound checks run, with their time budget
 * @param signer DKIM signing of submitted mail; mail received from other servers is never
 *     signed, also when an alias forwards it, so that a forged From cannot borrow our name
 * @param srs the sender rewriting of forwarded mail, if on
 */
public record MailPipeline(
        String authservId,
        AddressRewriter rewriter,
        EmailAuthenticator authenticator,
        InboundPolicy policy,
        ReverseDnsCheck reverseDns,
        SenderDomainCheck senderDomain,
        BlocklistCheck blocklists,
        int blocklistRejectScore,
        int blocklistQuarantineScore,
        RateLimiter rateLimiter,
        SenderAuthorization senderAuthorization,
        boolean enforceSender,
        LocalDelivery local,
        DeliveryTarget remote,
        DeliveryNotices notices,
        CheckRunner checks,
        MessageSigner signer,
        Optional<Srs> srs) {

    public MailPipeline {
        Objects.requireNonNull(authservId, "authservId");
        Objects.requireNonNull(rewriter, "rewriter");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reverseDns, "reverseDns");
        Objects.requireNonNull(senderDomain, "senderDomain");
        Objects.requireNonNull(blocklists, "blocklists");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(senderAuthorization, "senderAuthorization");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(srs, "srs");
    }
}
