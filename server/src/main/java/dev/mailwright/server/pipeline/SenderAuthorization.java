package dev.mailwright.server.pipeline;

import dev.mailwright.core.AddressException;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.mime.AddressList;
import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.Headers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Submission's rule that a user sends only as themselves: the envelope sender and every
 * address in the one From field must be delivered to the authenticated account (the
 * account's own address, an alias of it, or a plus-address of either).
 */
public final class SenderAuthorization {

    private final AddressRewriter rewriter;

    public SenderAuthorization(AddressRewriter rewriter) {
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
    }

    /** Whether the account may use this envelope sender; the null sender is refused. */
    public boolean mayUseEnvelopeSender(Optional<MailAddress> sender, String account) {
        return sender.isPresent() && rewriter.belongsTo(sender.get(), account);
    }

    /**
     * Checks the From field.
     *
     * @return empty when it is fine, else the reason to refuse the message
     */
    public Optional<String> checkFromField(Headers headers, String account) {
        List<HeaderField> from = headers.all("From");
        if (from.size() != 1) {
            return Optional.of(from.isEmpty() ? "the message has no From field" : "the message has several From fields");
        }
        AddressList.Result parsed = AddressList.parse(from.get(0).value());
        if (!parsed.valid() || parsed.mailboxes().isEmpty()) {
            return Optional.of("the From field is not a valid address list");
        }
        for (AddressList.Mailbox mailbox : parsed.mailboxes()) {
            MailAddress address;
            try {
                address = MailAddress.of(mailbox.localPart(), mailbox.domain());
            } catch (AddressException e) {
                return Optional.of("the From address is not valid");
            }
            if (!rewriter.belongsTo(address, account)) {
                return Optional.of("From address " + address + " does not belong to " + account);
            }
        }
        return Optional.empty();
    }
}
