package dev.mailwright.server.pipeline;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.results.AuthenticationResults;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.IpLiteral;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.OriginalRecipient;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.Headers;
import dev.mailwright.server.pipeline.AddressRewriter.Target;
import dev.mailwright.server.pipeline.InboundPolicy.Decision;
import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.outbound.dsn.DsnAction;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.SmtpException;
import dev.mailwright.smtp.spi.SmtpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection through the pipeline. MX: checks at MAIL, local recipients only at
 * RCPT, DKIM/DMARC and Authentication-Results after DATA, then delivery into INBOX or Junk.
 * Submission: the authenticated user sends as themselves; local recipients are delivered
 * here, remote ones queued. LMTP: local recipients, no checks (the front-end did them).
 */
final class InboundSession implements SmtpSession {

    private static final Logger log = LoggerFactory.getLogger(InboundSession.class);
    /** Received fields a message may carry, ours included (Postfix's hopcount_limit). */
    static final int MAX_HOPS = 50;

    private final MailPipeline pipeline;
    private final ListenerRole role;
    private SessionInfo info;
    private int messages;
    private Optional<CheckResult> iprev = Optional.empty();
    private Optional<BlocklistCheck.Score> blocklistScore = Optional.empty();

    // The transaction.
    private Optional<MailAddress> sender = Optional.empty();
    private SpfOutput spf;
    private Decision decision = Decision.ACCEPT;
    private long declaredSize;
    private final Map<MailAddress, List<Target>> targets = new LinkedHashMap<>();

    InboundSession(MailPipeline pipeline, ListenerRole role, SessionInfo info) {
        this.pipeline = pipeline;
        this.role = role;
        this.info = info;
    }

    @Override
    public void sessionUpdated(SessionInfo session) {
        this.info = session;
    }

    @Override
    public Optional<String> verifiedClientName() {
        // Only a name the checks already confirmed: the Received field is no reason for a lookup.
        return iprev.filter(r -> r.verdict() == CheckResult.Verdict.PASS).map(CheckResult::reason);
    }

    private boolean checked() {
        return role == ListenerRole.MX && info.authenticatedUser().isEmpty();
    }

    private InetAddress client() {
        return info.remote().getAddress();
    }

    @Override
    public void mail(Optional<MailAddress> from, MailOptions options) {
        reset();
        if (role == ListenerRole.SUBMISSION) {
            String account = info.authenticatedUser().orElseThrow(() -> new SmtpException(530, "5.7.0", "authentication required"));
            if (pipeline.enforceSender() && !pipeline.senderAuthorization().mayUseEnvelopeSender(from, account)) {
                throw new SmtpException(553, "5.7.1", "sender address does not belong to " + account);
            }
        } else if (checked()) {
            checkClient(from);
        }
        sender = from;
        declaredSize = options.size().orElse(0);
    }

    /** What the DNS says about a client and its sender, looked up together within the check budget. */
    private record ClientChecks(BlocklistCheck.Score blocklists, Optional<CheckResult> iprev, SpfOutput spf,
            CheckResult senderDomain) {}

    private void checkClient(Optional<MailAddress> from) {
        if (from.isPresent() && pipeline.rewriter().isLocal(from.get())) {
            throw new SmtpException(550, "5.7.1", "sender address in a local domain: authenticate on the submission port");
        }
        String helo = info.heloName().orElse("unknown");
        ClientChecks checks = pipeline.checks().run(() -> new ClientChecks(
                blocklistScore.orElseGet(() -> pipeline.blocklists().score(client())),
                Optional.of(iprev.orElseGet(() -> pipeline.reverseDns().check(client()))),
                pipeline.authenticator().verifySpf(client(), helo, from.map(MailAddress::toString).orElse("")),
                pipeline.senderDomain().check(from)));
        blocklistScore = Optional.of(checks.blocklists());
        iprev = checks.iprev();
        spf = checks.spf();
        BlocklistCheck.Score score = checks.blocklists();
        if (score.total() >= pipeline.blocklistRejectScore()) {
            throw new SmtpException(554, "5.7.1", "your address is listed by " + String.join(", ", score.listedBy()));
        }
        Decision d = score.total() >= pipeline.blocklistQuarantineScore() && score.total() > 0
                ? Decision.quarantine("listed by " + String.join(", ", score.listedBy()))
                : Decision.ACCEPT;
        if (iprev.isPresent()) {
            d = d.and(pipeline.policy().onIprev(iprev.get()));
        }
        d = d.and(pipeline.policy().onSpf(spf));
        d = d.and(pipeline.policy().onSenderDomain(checks.senderDomain()));
        if (d.refusal().isPresent()) {
            throw new SmtpException(d.refusal().get());
        }
        decision = d;
    }

    @Override
    public void rcpt(MailAddress recipient, RcptOptions options) {
        if (targets.isEmpty() && checked() && !pipeline.rateLimiter().tryAcquire(client())) {
            // Counted once per message, at its first recipient: a MAIL given up with RSET costs nothing.
            throw new SmtpException(451, "4.7.0", "too many messages from your address, try again later");
        }
        MailAddress lookup = recipient;
        if (isDomainlessPostmaster(recipient)) {
            // RCPT TO:<Postmaster> without a domain (RFC 5321 §4.5.1), which the engine names at our host name.
            lookup = pipeline.rewriter().postmaster();
        }
        if (!pipeline.rewriter().isLocal(lookup)) {
            if (role == ListenerRole.SUBMISSION) {
                targets.put(recipient, List.of(new Target.Remote(recipient)));
                return;
            }
            throw SmtpException.relayDenied();
        }
        if (pipeline.srs().isPresent() && pipeline.srs().get().isRewritten(lookup)) {
            // A reply or bounce to a sender we rewrote when forwarding: it goes on to that sender.
            MailAddress original = pipeline.srs().get().reverse(lookup)
                    .orElseThrow(() -> new SmtpException(550, "5.1.1", "invalid or expired SRS address"));
            targets.put(recipient, List.of(new Target.Remote(original)));
            return;
        }
        List<Target> resolved = pipeline.rewriter().resolve(lookup);
        if (resolved.isEmpty()) {
            throw SmtpException.noSuchUser();
        }
        for (Target target : resolved) {
            if (target instanceof Target.Account account && !pipeline.local().hasRoom(account.name(), declaredSize)) {
                throw new SmtpException(452, "4.2.2", "mailbox full, try again later");
            }
        }
        targets.put(recipient, resolved);
    }

    private boolean isDomainlessPostmaster(MailAddress recipient) {
        return recipient.localPart().equalsIgnoreCase("postmaster") && recipient.domain().equalsIgnoreCase(pipeline.authservId())
                && !pipeline.rewriter().isLocal(recipient);
    }

    @Override
    public DataResult data(Envelope envelope, MessageContent content) {
        String id = info.id() + "." + ++messages;
        MessageContent message = content;
        boolean quarantine = decision.quarantine();
        Headers headers = headersOf(content);
        if (headers.all("Received").size() > MAX_HOPS) {
            log.warn("message {} from=<{}> refused: more than {} Received fields", id, sender.map(Object::toString).orElse(""),
                    MAX_HOPS);
            return DataResult.reply(SmtpReply.of(554, "5.4.6", "too many hops: this looks like a mail loop"));
        }
        if (role == ListenerRole.SUBMISSION) {
            if (pipeline.enforceSender()) {
                Optional<String> problem = pipeline.senderAuthorization().checkFromField(headers, info.authenticatedUser().orElseThrow());
                if (problem.isPresent()) {
                    throw new SmtpException(550, "5.7.1", problem.get());
                }
            }
            message = signed(envelope, withoutForgedResults(content, headers));
        }
        if (checked()) {
            AuthenticatedMessage parsed = parse(content);
            List<DkimOutput> dkim = pipeline.checks().run(() -> pipeline.authenticator().verifyDkim(parsed));
            DmarcOutput dmarc = pipeline.checks().run(() -> pipeline.authenticator().verifyDmarc(parsed, spf, dkim));
            Decision after = decision.and(pipeline.policy().onMessage(dkim, dmarc));
            if (after.refusal().isPresent()) {
                log.info("message {} from=<{}> refused: {}", id, sender.map(Object::toString).orElse(""), after.reason());
                return DataResult.reply(after.refusal().get());
            }
            quarantine = after.quarantine();
            message = withResults(parsed, dkim, dmarc);
        }
        DeliveryResult result = deliver(id, envelope, message, quarantine);
        boolean anyAccepted = result.results().stream().anyMatch(RecipientResult::isAccepted);
        if (role != ListenerRole.LMTP && anyAccepted && !result.allAccepted()) {
            // One 250 covers the whole message: the failed recipients get a report instead.
            pipeline.notices().failed(id, envelope, result, message);
        }
        reportSuccesses(id, envelope, result, message);
        return DataResult.perRecipient(result);
    }

    /**
     * NOTIFY=SUCCESS (RFC 3461 §5.2.3): recipients handled here get "delivered" or "expanded";
     * one that goes to the queue as one remote address (as given, or through an alias of one)
     * gets its report from there, or from the next hop.
     */
    private void reportSuccesses(String id, Envelope envelope, DeliveryResult result, MessageContent message) {
        Map<Envelope.Recipient, DsnAction> handled = new LinkedHashMap<>();
        for (int i = 0; i < envelope.recipients().size(); i++) {
            Envelope.Recipient recipient = envelope.recipients().get(i);
            if (!result.results().get(i).isAccepted() || !recipient.options().notifyOn().contains(DsnNotify.SUCCESS)) {
                continue;
            }
            List<Target> resolved = targets.getOrDefault(recipient.address(), List.of());
            if (resolved.size() == 1 && resolved.get(0) instanceof Target.Account) {
                handled.put(recipient, DsnAction.DELIVERED);
            } else if (resolved.size() > 1) {
                handled.put(recipient, DsnAction.EXPANDED);
            }
            // One remote address (as given, or an alias of one): the queue or the next hop reports.
        }
        if (!handled.isEmpty()) {
            pipeline.notices().succeeded(id, envelope, handled, message);
        }
    }

    private DeliveryResult deliver(String id, Envelope envelope, MessageContent message, boolean quarantine) {
        Map<MailAddress, RecipientResult> results = new HashMap<>();
        Map<String, RecipientResult> byAccount = new HashMap<>();
        // Remote recipients as given (submission), and addresses an alias forwards to.
        List<Envelope.Recipient> direct = new ArrayList<>();
        List<Envelope.Recipient> forwarded = new ArrayList<>();
        Map<MailAddress, List<MailAddress>> remoteFor = new LinkedHashMap<>();
        for (Envelope.Recipient recipient : envelope.recipients()) {
            MailAddress address = recipient.address();
            RecipientResult result = null;
            for (Target target : targets.getOrDefault(address, List.of())) {
                if (target instanceof Target.Account account) {
                    RecipientResult r = byAccount.computeIfAbsent(account.name(),
                            a -> pipeline.local().deliver(id, envelope.sender(), address, a, message, quarantine));
                    result = combined(result, new RecipientResult(address, r.status(), r.code(), r.enhancedStatus(), r.text()));
                } else if (target instanceof Target.Remote r) {
                    boolean queued = remoteFor.containsKey(r.address());
                    remoteFor.computeIfAbsent(r.address(), k -> new ArrayList<>()).add(address);
                    if (!queued && r.address().equals(address)) {
                        direct.add(recipient);
                    } else if (!queued) {
                        forwarded.add(forwardedRecipient(recipient, r.address()));
                    }
                }
            }
            if (result != null) {
                results.put(address, result);
            }
        }
        queue(id, new Envelope(envelope.sender(), envelope.mailOptions(), direct), message, remoteFor, results);
        queue(id, new Envelope(forwardedSender(envelope.sender()), envelope.mailOptions(), forwarded), message, remoteFor,
                results);
        List<RecipientResult> ordered = new ArrayList<>();
        for (Envelope.Recipient recipient : envelope.recipients()) {
            ordered.add(results.getOrDefault(recipient.address(), RecipientResult.temporaryFailure(recipient.address(), 451,
                    "4.3.0", "recipient could not be handled, try again later")));
        }
        return new DeliveryResult(ordered);
    }

    /** Hands remote recipients to the outbound queue and maps its answers back to the recipients they came from. */
    private void queue(String id, Envelope envelope, MessageContent message, Map<MailAddress, List<MailAddress>> remoteFor,
                       Map<MailAddress, RecipientResult> results) {
        if (envelope.recipients().isEmpty()) {
            return;
        }
        DeliveryResult queued = pipeline.remote().deliver(envelope, message);
        for (RecipientResult r : queued.results()) {
            for (MailAddress original : remoteFor.getOrDefault(r.recipient(), List.of())) {
                RecipientResult mine = new RecipientResult(original, r.status(), r.code(), r.enhancedStatus(), r.text());
                results.merge(original, mine, InboundSession::combined);
            }
            log.info("message {} from=<{}> to=<{}> {}", id, envelope.sender().map(Object::toString).orElse(""),
                    r.recipient(), r.isAccepted() ? "queued for delivery" : "not queued: " + r.code() + " " + r.text());
        }
    }

    /**
     * The recipient an alias forwards to. An alias of one address passes the DSN request on, with
     * the original recipient as ORCPT (RFC 3461 §6.2.7); an alias of several addresses is
     * reported "expanded" here, so its targets carry no request of their own.
     */
    private Envelope.Recipient forwardedRecipient(Envelope.Recipient recipient, MailAddress target) {
        if (targets.getOrDefault(recipient.address(), List.of()).size() != 1) {
            return Envelope.Recipient.of(target);
        }
        RcptOptions options = recipient.options();
        if (options.originalRecipient().isEmpty()) {
            options = options.withOriginalRecipient(OriginalRecipient.of(recipient.address()));
        }
        return new Envelope.Recipient(target, options);
    }

    /**
     * The envelope sender for mail an alias forwards to another server: rewritten with SRS when
     * the sender's domain is not ours, since the next hop's SPF check would otherwise fail.
     */
    private Optional<MailAddress> forwardedSender(Optional<MailAddress> sender) {
        if (sender.isEmpty() || pipeline.srs().isEmpty() || pipeline.rewriter().isLocal(sender.get())) {
            return sender;
        }
        return pipeline.srs().get().forward(sender.get()).or(() -> sender);
    }

    /**
     * One recipient's result from its targets' (an alias can have several): a temporary
     * failure anywhere wins, so the sender tries again rather than a copy being lost (a
     * duplicate is the lesser harm); otherwise one delivered copy is delivery.
     */
    private static RecipientResult combined(RecipientResult a, RecipientResult b) {
        if (a == null) {
            return b;
        }
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(RecipientResult r) {
        return switch (r.status()) {
            case PERMANENT_FAILURE -> 0;
            case ACCEPTED -> 1;
            case TEMPORARY_FAILURE -> 2;
        };
    }

    /** Submitted mail with its DKIM signature on top; unsigned if the signer cannot read it. */
    private MessageContent signed(Envelope envelope, MessageContent content) {
        try {
            byte[] signature = pipeline.signer().sign(envelope, content);
            return signature.length == 0 ? content : content.prepend(signature);
        } catch (IOException | RuntimeException e) {
            log.warn("message from <{}> not signed: {}", envelope.sender().map(Object::toString).orElse(""), e.toString());
            return content;
        }
    }

    private static AuthenticatedMessage parse(MessageContent content) {
        try {
            return AuthenticatedMessage.parse(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Headers headersOf(MessageContent content) {
        try (var in = new java.io.BufferedInputStream(content.open())) {
            return Headers.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message without Authentication-Results fields that claim to be ours. */
    private MessageContent withoutForgedResults(MessageContent content, Headers headers) {
        Headers cleaned = AuthenticationResults.withoutForged(headers, pipeline.authservId());
        if (cleaned == headers) {
            return content;
        }
        return new BodySlice(content, headers.byteLength()).prepend(cleaned.toBytes());
    }

    /** The message with our Authentication-Results on top and forged ones (claiming our name) removed. */
    private MessageContent withResults(AuthenticatedMessage parsed, List<DkimOutput> dkim, DmarcOutput dmarc) {
        AuthenticationResults.Builder results = AuthenticationResults.builder(pipeline.authservId())
                .spf(spf).dkim(dkim).dmarc(dmarc);
        iprev.ifPresent(reverse -> results.add(new AuthenticationResults.MethodResult("iprev", reverse.verdict().word(),
                reverse.verdict() == CheckResult.Verdict.PASS ? "" : reverse.reason(), "",
                Map.of("policy.iprev", IpLiteral.format(client())))));
        HeaderField field = results.build().toHeaderField();
        Headers original = parsed.headers();
        Headers cleaned = AuthenticationResults.withoutForged(original, pipeline.authservId());
        if (cleaned == original) {
            return parsed.content().prepend(headerBytes(field));
        }
        byte[] header = cleaned.toBuilder().addFirst(field).build().toBytes();
        return new BodySlice(parsed.content(), parsed.bodyOffset()).prepend(header);
    }

    private static byte[] headerBytes(HeaderField field) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            field.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void reset() {
        sender = Optional.empty();
        spf = null;
        decision = Decision.ACCEPT;
        declaredSize = 0;
        targets.clear();
    }
}
