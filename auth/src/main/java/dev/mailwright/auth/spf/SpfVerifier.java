package dev.mailwright.auth.spf;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.core.dns.DnsResolver;
import java.net.IDN;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks whether a host may send mail for a domain (RFC 7208). Immutable and thread-safe; every
 * check is independent. Nothing throws for a DNS or policy outcome: a broken record is
 * {@code permerror}, an unreachable name server {@code temperror}.
 *
 * <pre>{@code
 * SpfVerifier spf = SpfVerifier.builder(resolver).receivingHost("mx.example.org").build();
 * SpfOutput helo = spf.verifyHelo(clientIp, "mail.example.net");
 * SpfOutput from = spf.verifyMailFrom(clientIp, "mail.example.net", "alice@example.net");
 * }</pre>
 *
 * <p>Processing limits (§4.6.4): ten terms that query DNS ({@code include}, {@code a}, {@code mx},
 * {@code ptr}, {@code exists}, {@code redirect}) over the whole check, two void lookups, ten names
 * from each MX or PTR answer; breaking one gives {@code permerror}. A check also ends with
 * {@code temperror} after {@link Builder#timeout} (20 seconds by default, as §4.6.4 suggests).
 */
public final class SpfVerifier {

    /** RFC 7208 §4.6.4: ten DNS-querying terms per check. */
    public static final int MAX_DNS_TERMS = 10;

    private final DnsResolver resolver;
    private final AuthCache cache;
    private final String receivingHost;
    private final int maxVoidLookups;
    private final Duration timeout;
    private final Clock clock;

    private SpfVerifier(Builder builder) {
        this.resolver = builder.resolver;
        this.cache = builder.cache;
        this.receivingHost = builder.receivingHost;
        this.maxVoidLookups = builder.maxVoidLookups;
        this.timeout = builder.timeout;
        this.clock = builder.clock;
    }

    /** A builder for a verifier that asks {@code resolver}. */
    public static Builder builder(DnsResolver resolver) {
        return new Builder(resolver);
    }

    /**
     * Checks the HELO identity (RFC 7208 §2.3): may {@code ip} use {@code helo}? An address literal
     * or a name that is not a fully qualified domain name gives {@code none}.
     */
    public SpfOutput verifyHelo(InetAddress ip, String helo) {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(helo, "helo");
        String domain = asciiDomain(helo);
        return check(ip, SpfIdentity.HELO, domain, "postmaster", domain, helo);
    }

    /**
     * Checks the MAIL FROM identity (RFC 7208 §2.4). {@code mailFrom} is the reverse-path without
     * angle brackets; an empty one (or {@code <>}) is the null sender, checked as
     * {@code postmaster@HELO}. A sender without a local part is checked as {@code postmaster}.
     */
    public SpfOutput verifyMailFrom(InetAddress ip, String helo, String mailFrom) {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(mailFrom, "mailFrom");
        String path = mailFrom.strip();
        if (path.startsWith("<") && path.endsWith(">")) {
            path = path.substring(1, path.length() - 1);
        }
        if (path.isEmpty()) {
            String domain = asciiDomain(helo);
            return check(ip, SpfIdentity.MAILFROM, domain, "postmaster", domain, helo);
        }
        int at = path.lastIndexOf('@');
        String local = at < 0 ? "" : path.substring(0, at);
        String domain = asciiDomain(at < 0 ? path : path.substring(at + 1));
        return check(ip, SpfIdentity.MAILFROM, domain, local.isEmpty() ? "postmaster" : local, domain, helo);
    }

    private SpfOutput check(InetAddress client, SpfIdentity identity, String domain, String localPart,
            String senderDomain, String helo) {
        String sender = localPart + "@" + senderDomain;
        String checked = stripDot(domain).toLowerCase(Locale.ROOT);
        if (!isCheckableDomain(checked)) {
            return new SpfOutput(SpfResult.NONE, identity, sender, "", "",
                    "'" + domain + "' is not a fully qualified domain name");
        }
        InetAddress ip = IpAddresses.normalize(client);
        SpfEvaluation evaluation = new SpfEvaluation(resolver, cache, ip, MAX_DNS_TERMS, maxVoidLookups,
                System.nanoTime() + timeout.toNanos());
        MacroContext base = new MacroContext(sender, localPart, senderDomain, checked, ip, helo, receivingHost,
                clock.instant().getEpochSecond(), () -> "unknown");
        SpfEvaluation.Outcome outcome = evaluation.checkHost(evaluation.contextFor(base, checked));
        String explanation = "";
        if (outcome.result() == SpfResult.FAIL && outcome.explanation() != null) {
            explanation = explain(evaluation, outcome);
        }
        return new SpfOutput(outcome.result(), identity, sender, checked, explanation, outcome.reason());
    }

    /** RFC 7208 §6.2: any problem with the explanation means there is none; the result stands. */
    private static String explain(SpfEvaluation evaluation, SpfEvaluation.Outcome outcome) {
        try {
            String name = evaluation.expandName(outcome.explanation(), outcome.context());
            if (name == null) {
                return "";
            }
            String text = evaluation.explanationText(name);
            if (text == null) {
                return "";
            }
            return MacroString.parse(text, true).expand(outcome.context());
        } catch (SpfSyntaxException | SpfEvaluation.Abort | IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * RFC 7208 §4.3: a domain to check has at least two labels of 1 to 63 characters, no address
     * literal, and fits in 253 characters.
     */
    private static boolean isCheckableDomain(String domain) {
        if (domain.indexOf('.') < 0 || domain.startsWith("[") || domain.indexOf('@') >= 0) {
            return false;
        }
        return SpfEvaluation.isQueryable(domain);
    }

    private static String asciiDomain(String domain) {
        for (int i = 0; i < domain.length(); i++) {
            if (domain.charAt(i) > 0x7F) {
                try {
                    return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    // Not a valid IDN: left as is, it fails the domain check and gives none.
                    return domain;
                }
            }
        }
        return domain;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return "SpfVerifier[" + resolver + "]";
    }

    /** Settings, validated in {@link #build()}. */
    public static final class Builder {
        private final DnsResolver resolver;
        private AuthCache cache = AuthCache.disabled();
        private String receivingHost = "unknown";
        private int maxVoidLookups = 2;
        private Duration timeout = Duration.ofSeconds(20);
        private Clock clock = Clock.systemUTC();

        private Builder(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /** Keeps parsed records for their TTL; default none. */
        public Builder cache(AuthCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** This host's domain, the {@code %{r}} of explanations; default {@code unknown} (RFC 7208 §7.3). */
        public Builder receivingHost(String receivingHost) {
            this.receivingHost = Objects.requireNonNull(receivingHost, "receivingHost");
            return this;
        }

        /** How many void lookups a check may make; default 2 as RFC 7208 §4.6.4 recommends. */
        public Builder maxVoidLookups(int maxVoidLookups) {
            this.maxVoidLookups = maxVoidLookups;
            return this;
        }

        /** The longest a check may take before it ends in temperror; default 20 seconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The time source of {@code %{t}}; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The verifier.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public SpfVerifier build() {
            if (maxVoidLookups < 0 || maxVoidLookups > MAX_DNS_TERMS) {
                throw new IllegalArgumentException("spf maxVoidLookups must be between 0 and 10: " + maxVoidLookups);
            }
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("spf timeout must be between 1 ms and 5 minutes: " + timeout);
            }
            if (receivingHost.isBlank()) {
                throw new IllegalArgumentException("spf receivingHost must not be blank");
            }
            return new SpfVerifier(this);
        }
    }
}
