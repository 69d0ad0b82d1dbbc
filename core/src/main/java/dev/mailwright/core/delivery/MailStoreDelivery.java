package dev.mailwright.core.delivery;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Final delivery into a {@link MailStore}: each recipient's account gets the message in its
 * INBOX, with a {@code Return-Path} field on top (RFC 5321 §4.4). Several recipient
 * addresses of one account get one copy. Durable when the store is.
 */
public final class MailStoreDelivery implements DeliveryTarget {

    private static final Logger log = LoggerFactory.getLogger(MailStoreDelivery.class);

    private final MailStore store;
    private final Function<MailAddress, Optional<String>> accounts;
    private final Clock clock;

    /**
     * @param store where the mail goes
     * @param accounts the account of a recipient address, or empty if it has none here
     */
    public MailStoreDelivery(MailStore store, Function<MailAddress, Optional<String>> accounts) {
        this(store, accounts, Clock.systemUTC());
    }

    public MailStoreDelivery(MailStore store, Function<MailAddress, Optional<String>> accounts, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public DeliveryResult deliver(Envelope envelope, MessageContent content) {
        MessageContent withReturnPath = content.prepend(returnPath(envelope));
        Set<String> delivered = new HashSet<>();
        Map<String, RecipientResult> failures = new HashMap<>();
        List<RecipientResult> results = new ArrayList<>();
        for (MailAddress recipient : envelope.recipientAddresses()) {
            Optional<String> account = accounts.apply(recipient);
            if (account.isEmpty()) {
                results.add(RecipientResult.permanentFailure(recipient, 550, "5.1.1", "no such user here"));
                continue;
            }
            String name = account.get();
            if (delivered.contains(name)) {
                results.add(RecipientResult.accepted(recipient));
                continue;
            }
            if (failures.containsKey(name)) {
                RecipientResult f = failures.get(name);
                results.add(new RecipientResult(recipient, f.status(), f.code(), f.enhancedStatus(), f.text()));
                continue;
            }
            RecipientResult result = deliverTo(name, recipient, withReturnPath);
            if (result.isAccepted()) {
                delivered.add(name);
            } else {
                failures.put(name, result);
            }
            results.add(result);
        }
        return new DeliveryResult(results);
    }

    private RecipientResult deliverTo(String account, MailAddress recipient, MessageContent content) {
        try (UserMail mail = store.open(account)) {
            mail.append(MailboxName.INBOX, content, Flags.NONE, clock.instant());
            return RecipientResult.accepted(recipient);
        } catch (MailStoreException e) {
            return switch (e.reason()) {
                case NO_SUCH_ACCOUNT -> RecipientResult.permanentFailure(recipient, 550, "5.1.1", "no such user here");
                case OVER_QUOTA -> RecipientResult.temporaryFailure(recipient, 452, "4.2.2", "mailbox full");
                default -> {
                    log.warn("delivery to {} failed: {} ({})", account, e.getMessage(), e.reason());
                    yield RecipientResult.temporaryFailure(recipient, 451, "4.3.0", "temporary storage failure, try again later");
                }
            };
        } catch (RuntimeException e) {
            log.error("delivery to {} failed", account, e);
            return RecipientResult.temporaryFailure(recipient, 451, "4.3.0", "temporary storage failure, try again later");
        }
    }

    private static byte[] returnPath(Envelope envelope) {
        String path = envelope.sender().map(MailAddress::toString).orElse("");
        return ("Return-Path: <" + path + ">\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
