package dev.mailwright.server.pipeline;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.server.pipeline.AddressRewriter.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers messages the server writes itself (delivery status notifications): local
 * recipients into their mailboxes, others through the outbound queue, and a notice to a sender
 * that SRS rewrote on forwarding on to the original sender.
 */
public final class LocalOrRemote implements DeliveryTarget {

    private final AddressRewriter rewriter;
    private final Optional<Srs> srs;
    private final LocalDelivery local;
    private final DeliveryTarget remote;

    public LocalOrRemote(AddressRewriter rewriter, Optional<Srs> srs, LocalDelivery local, DeliveryTarget remote) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.srs = Objects.requireNonNull(srs, "srs");
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    @Override
    public DeliveryResult deliver(Envelope envelope, MessageContent content) {
        Map<MailAddress, RecipientResult> results = new LinkedHashMap<>();
        List<Envelope.Recipient> outside = new ArrayList<>();
        for (Envelope.Recipient recipient : envelope.recipients()) {
            MailAddress address = recipient.address();
            if (!rewriter.isLocal(address)) {
                outside.add(recipient);
                continue;
            }
            if (srs.isPresent() && srs.get().isRewritten(address)) {
                Optional<MailAddress> original = srs.get().reverse(address);
                original.ifPresent(o -> outside.add(Envelope.Recipient.of(o)));
                results.put(address, original.isPresent() ? RecipientResult.accepted(address)
                        : RecipientResult.permanentFailure(address, 550, "5.1.1", "invalid or expired SRS address"));
                continue;
            }
            List<Target> targets = rewriter.resolve(address);
            RecipientResult result = RecipientResult.permanentFailure(address, 550, "5.1.1", "no such user here");
            for (Target target : targets) {
                if (target instanceof Target.Account account) {
                    result = local.deliver("notification", envelope.sender(), address, account.name(), content, false);
                } else if (target instanceof Target.Remote r) {
                    outside.add(Envelope.Recipient.of(r.address()));
                    result = RecipientResult.accepted(address);
                }
            }
            results.put(address, result);
        }
        if (!outside.isEmpty()) {
            for (RecipientResult r : remote.deliver(envelope.withRecipients(outside), content).results()) {
                results.putIfAbsent(r.recipient(), r);
            }
        }
        return new DeliveryResult(List.copyOf(results.values()));
    }
}
