package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.smtp.outbound.mtasts.MtaStsPolicy;
import dev.mailwright.smtp.outbound.mtasts.MtaStsResolver;
import dev.mailwright.smtp.outbound.route.MxHost;
import dev.mailwright.smtp.outbound.route.MxRouter;
import dev.mailwright.smtp.outbound.route.Route;
import dev.mailwright.smtp.outbound.spi.AttemptRecord;
import dev.mailwright.smtp.outbound.spi.OutboundTransport;
import dev.mailwright.smtp.outbound.spi.RecipientOutcome;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import dev.mailwright.smtp.outbound.spi.SessionRequest;
import dev.mailwright.smtp.outbound.spi.SessionResult;
import dev.mailwright.smtp.outbound.spi.SmtpReply;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery round for the recipients of one domain (RFC 5321 §5.1): route, then host by host
 * and address by address, each under the TLS policy the {@link SecurityPlanner} chose, until every
 * recipient has a final answer or the hosts run out. A connection failure moves on to the next
 * address; after a session, recipients that got a 4xx reply move on to the next MX host; 2xx and
 * 5xx replies are final.
 */
public final class DomainDelivery {

    private static final Logger log = LoggerFactory.getLogger(DomainDelivery.class);

    /** Sessions per domain per round, at most (Postfix: smtp_mx_session_limit 2, smtp_mx_address_limit 5). */
    public static final int MAX_SESSIONS = 5;
    /**
     * Recipients per transaction, at most (Postfix: smtp_destination_recipient_limit 50; RFC 5321
     * §4.5.3.1.8 only promises 100). Larger shares of a domain go in several rounds, one after the other.
     */
    public static final int MAX_RECIPIENTS_PER_SESSION = 50;
    /** Addresses tried per host, at most. */
    public static final int MAX_ADDRESSES_PER_HOST = 4;

    private final DnsResolver dns;
    private final MxRouter router;
    private final Optional<MtaStsResolver> mtaSts;
    private final SecurityPlanner planner;
    private final OutboundTransport transport;
    private final Optional<Relay> relay;
    private final String heloName;
    private final int port;
    private final Clock clock;

    DomainDelivery(DnsResolver dns, MxRouter router, Optional<MtaStsResolver> mtaSts, SecurityPlanner planner,
                   OutboundTransport transport, Optional<Relay> relay, String heloName, int port, Clock clock) {
        this.dns = dns;
        this.router = router;
        this.mtaSts = mtaSts;
        this.planner = planner;
        this.transport = transport;
        this.relay = relay;
        this.heloName = heloName;
        this.port = port;
        this.clock = clock;
    }

    /**
     * Delivers to the pending recipients of one domain.
     *
     * @param domain the domain (A-labels) or address literal text
     * @param sender the reverse-path
     * @param options the MAIL parameters
     * @param recipients the domain's pending recipients
     * @param content the message
     */
    DomainOutcome deliver(String domain, Optional<MailAddress> sender, MailOptions options,
                          List<RecipientState> recipients, Supplier<MessageContent> content) {
        if (recipients.size() <= MAX_RECIPIENTS_PER_SESSION) {
            return deliverBatch(domain, sender, options, recipients, content);
        }
        List<RecipientState> states = new ArrayList<>(recipients.size());
        List<AttemptRecord> attempts = new ArrayList<>();
        java.util.Set<Envelope.Recipient> relayed = new java.util.HashSet<>();
        for (int from = 0; from < recipients.size(); from += MAX_RECIPIENTS_PER_SESSION) {
            DomainOutcome batch = deliverBatch(domain, sender, options, recipients.subList(from,
                    Math.min(recipients.size(), from + MAX_RECIPIENTS_PER_SESSION)), content);
            states.addAll(batch.recipients());
            attempts.addAll(batch.attempts());
            relayed.addAll(batch.relayedWithoutDsn());
        }
        return new DomainOutcome(states, attempts, relayed);
    }

    private DomainOutcome deliverBatch(String domain, Optional<MailAddress> sender, MailOptions options,
                                       List<RecipientState> recipients, Supplier<MessageContent> content) {
        Round round = new Round(domain, recipients);
        if (relay.isPresent()) {
            Relay r = relay.get();
            DnsResult<InetAddress> addresses = dns.addresses(r.host());
            if (!addresses.isSuccess()) {
                round.deferAll(new SmtpReply(451, "4.4.3", "relay host " + r.host() + " not found: "
                        + (addresses.isTemporaryFailure() ? addresses.error() : addresses.status())), "");
                return round.finish();
            }
            tryHost(round, r.host(), addresses.records(), r.port(), r.tls(), Optional.empty(), r.credentials(),
                    sender, options, content);
            return round.finish();
        }
        Optional<InetAddress> literal = recipients.get(0).recipient().address().literalAddress();
        if (literal.isPresent()) {
            String host = literal.get().getHostAddress();
            HostPlan plan = planner.plan(domain, host, port, false, Optional.empty(), options.requireTls());
            if (plan.tls().isEmpty()) {
                round.note(plan.skipReply().orElseThrow());
            } else {
                tryHost(round, host, List.of(literal.get()), port, plan.tls().get(), Optional.empty(),
                        Optional.empty(), sender, options, content);
            }
            return round.finish();
        }
        Route route = router.route(domain);
        if (route instanceof Route.Failure failure) {
            SmtpReply reply = new SmtpReply(failure.code(), failure.enhancedStatus(), failure.text());
            round.recordLocal("", TlsOutcome.none(TlsOutcome.Policy.OPPORTUNISTIC, ""), reply.toString());
            if (failure.permanent()) {
                round.failAll(reply);
            } else {
                round.deferAll(reply, "");
            }
            return round.finish();
        }
        Route.Hosts hosts = (Route.Hosts) route;
        Optional<MtaStsPolicy> policy = mtaSts.flatMap(r -> r.policyFor(domain));
        for (MxHost host : hosts.hosts()) {
            if (round.isDone() || round.sessions >= MAX_SESSIONS) {
                break;
            }
            DnsResult<InetAddress> addresses = dns.addresses(host.name());
            if (!addresses.isSuccess()) {
                round.note(new SmtpReply(451, "4.4.3", "no address for MX host " + host.name()
                        + (addresses.isTemporaryFailure() ? ": " + addresses.error() : "")));
                continue;
            }
            HostPlan plan = planner.plan(domain, host.name(), port, hosts.authenticated() && addresses.authenticated(),
                    policy, options.requireTls());
            if (plan.tls().isEmpty()) {
                SmtpReply reply = plan.skipReply().orElseThrow();
                round.recordLocal(host.name(), TlsOutcome.none(plan.skipPolicy(), plan.skipFailure()),
                        "host skipped: " + reply);
                round.note(reply);
                continue;
            }
            tryHost(round, host.name(), addresses.records(), port, plan.tls().get(), plan.testing(), Optional.empty(),
                    sender, options, content);
        }
        return round.finish();
    }

    private void tryHost(Round round, String host, List<InetAddress> addresses, int port, TlsPolicy tls,
                         Optional<RecordingTrustManager> testing, Optional<SessionRequest.Credentials> credentials,
                         Optional<MailAddress> sender, MailOptions options, Supplier<MessageContent> content) {
        int tried = 0;
        for (InetAddress address : addresses) {
            if (round.isDone() || round.sessions >= MAX_SESSIONS || tried++ >= MAX_ADDRESSES_PER_HOST) {
                return;
            }
            round.sessions++;
            List<Envelope.Recipient> targets = round.remaining();
            Instant started = clock.instant();
            SessionRequest request = new SessionRequest(new InetSocketAddress(address, port), host, heloName, tls,
                    credentials, new Envelope(sender, options, targets));
            SessionResult result;
            MessageContent message = content.get();
            try {
                result = transport.send(request, message);
            } catch (RuntimeException e) {
                log.error("transport failed on {} [{}]", host, address.getHostAddress(), e);
                result = new SessionResult("", TlsOutcome.none(tls.policy(), ""),
                        targets.stream().map(t -> new SmtpReply(451, "4.4.0", "local transport error")).toList(),
                        "local transport error");
            } finally {
                message.release();
            }
            TlsOutcome outcome = testing.isPresent() && !result.remoteHost().isEmpty()
                    ? testingOutcome(testing.get(), result.tls()) : result.tls();
            round.attempts.add(new AttemptRecord(started, round.domain, host, address.getHostAddress(), outcome,
                    result.summary()));
            if (result.replies().size() != targets.size()) {
                log.error("transport gave {} replies for {} recipients", result.replies().size(), targets.size());
                return;
            }
            if (options.requireTls() && result.replies().stream().allMatch(DomainDelivery::refusesRequireTls)) {
                // RFC 8689 §4.2.1: a host that cannot carry the message under REQUIRETLS is passed
                // over for the next one; only when none can is the message refused.
                round.note(new SmtpReply(550, "5.7.30", "REQUIRETLS: no MX host of " + round.domain
                        + " offers it over verified TLS"));
                return;
            }
            for (int i = 0; i < targets.size(); i++) {
                round.answer(targets.get(i), result.replies().get(i), result.remoteHost(), result.dsn());
            }
            if (!result.remoteHost().isEmpty()) {
                // We talked to this host; recipients it deferred get the next MX, not its next address.
                return;
            }
        }
    }

    /**
     * MTA-STS testing mode: what the session achieved, and what enforce mode would have refused
     * (RFC 8461 §5: failures are reported, delivery goes ahead).
     */
    private static boolean refusesRequireTls(SmtpReply reply) {
        return reply.isPermanent() && (reply.enhancedStatus().equals("5.7.30") || reply.enhancedStatus().equals("5.7.10"));
    }

    private static TlsOutcome testingOutcome(RecordingTrustManager recorder, TlsOutcome session) {
        if (session.protocol().isEmpty()) {
            return new TlsOutcome(TlsOutcome.Security.NONE, TlsOutcome.Policy.MTA_STS_TESTING, "", "",
                    session.failure().isEmpty() ? "starttls-not-supported" : session.failure());
        }
        return recorder.passed()
                ? new TlsOutcome(TlsOutcome.Security.PKIX, TlsOutcome.Policy.MTA_STS_TESTING, session.protocol(),
                        session.cipherSuite(), "")
                : new TlsOutcome(TlsOutcome.Security.OPPORTUNISTIC, TlsOutcome.Policy.MTA_STS_TESTING,
                        session.protocol(), session.cipherSuite(), recorder.failure());
    }

    /** The state of one round: final answers so far, the recipients still open, the attempts. */
    private final class Round {
        final String domain;
        final Map<Envelope.Recipient, RecipientState> states = new LinkedHashMap<>();
        final List<AttemptRecord> attempts = new ArrayList<>();
        final java.util.Set<Envelope.Recipient> open = new java.util.LinkedHashSet<>();
        final java.util.Set<Envelope.Recipient> answered = new java.util.HashSet<>();
        final java.util.Set<Envelope.Recipient> relayedWithoutDsn = new java.util.HashSet<>();
        SmtpReply lastNote;
        int sessions;

        Round(String domain, List<RecipientState> recipients) {
            this.domain = domain;
            for (RecipientState r : recipients) {
                states.put(r.recipient(), r);
                open.add(r.recipient());
            }
        }

        boolean isDone() {
            return open.isEmpty();
        }

        List<Envelope.Recipient> remaining() {
            return List.copyOf(open);
        }

        void answer(Envelope.Recipient recipient, SmtpReply reply, String remote, boolean dsn) {
            RecipientOutcome outcome = outcome(reply, remote);
            RecipientState state = states.get(recipient);
            answered.add(recipient);
            if (reply.isPositive()) {
                states.put(recipient, state.with(RecipientState.Status.DELIVERED, outcome));
                open.remove(recipient);
                if (!dsn) {
                    relayedWithoutDsn.add(recipient);
                }
            } else if (reply.isPermanent()) {
                states.put(recipient, state.with(RecipientState.Status.FAILED, outcome));
                open.remove(recipient);
            } else {
                states.put(recipient, state.with(RecipientState.Status.PENDING, outcome));
            }
        }

        void note(SmtpReply reply) {
            lastNote = reply;
        }

        void recordLocal(String host, TlsOutcome tls, String result) {
            attempts.add(new AttemptRecord(clock.instant(), domain, host, "", tls, result));
        }

        void failAll(SmtpReply reply) {
            for (Envelope.Recipient r : List.copyOf(open)) {
                answer(r, reply, "", false);
            }
        }

        void deferAll(SmtpReply reply, String remote) {
            for (Envelope.Recipient r : open) {
                answered.add(r);
                states.put(r, states.get(r).with(RecipientState.Status.PENDING, outcome(reply, remote)));
            }
        }

        DomainOutcome finish() {
            for (Envelope.Recipient r : open) {
                if (answered.contains(r)) {
                    continue;
                }
                SmtpReply reply = lastNote != null ? lastNote
                        : new SmtpReply(451, "4.4.1", "no MX host of " + domain + " could be reached");
                boolean requireTlsUnmet = "5.7.30".equals(reply.enhancedStatus());
                RecipientState.Status status = (sessions == 0 || requireTlsUnmet) && reply.isPermanent()
                        ? RecipientState.Status.FAILED : RecipientState.Status.PENDING;
                states.put(r, states.get(r).with(status, outcome(reply, "")));
            }
            return new DomainOutcome(new ArrayList<>(states.values()), attempts, relayedWithoutDsn);
        }

        private RecipientOutcome outcome(SmtpReply reply, String remote) {
            return new RecipientOutcome(clock.instant(), reply.code(), reply.enhancedStatus(), reply.text(), remote);
        }
    }
}
