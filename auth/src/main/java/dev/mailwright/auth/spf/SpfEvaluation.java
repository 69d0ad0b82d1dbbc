package dev.mailwright.auth.spf;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.MxRecord;
import dev.mailwright.core.dns.TxtRecord;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of RFC 7208's check_host() with its recursion through include and redirect. The counters
 * of §4.6.4 (DNS-querying terms, void lookups) span the whole run, nested records included. A
 * permerror or temperror ends the run at once; it travels up as an {@link Abort}, which never leaves
 * this class.
 */
final class SpfEvaluation {

    /** RFC 7208 §4.6.4: at most ten names from one MX or PTR answer are looked up. */
    static final int MAX_NAMES_PER_ANSWER = 10;
    /** The longest domain name in text form, without the trailing dot (RFC 7208 §7.3). */
    private static final int MAX_NAME_LENGTH = 253;

    private final DnsResolver resolver;
    private final AuthCache cache;
    private final InetAddress ip;
    private final int maxDnsTerms;
    private final int maxVoidLookups;
    private final long deadlineNanos;
    private final Map<String, String> validatedNames = new HashMap<>();
    private int dnsTerms;
    private int voidLookups;

    SpfEvaluation(DnsResolver resolver, AuthCache cache, InetAddress ip, int maxDnsTerms, int maxVoidLookups,
            long deadlineNanos) {
        this.resolver = resolver;
        this.cache = cache;
        this.ip = ip;
        this.maxDnsTerms = maxDnsTerms;
        this.maxVoidLookups = maxVoidLookups;
        this.deadlineNanos = deadlineNanos;
    }

    /** The outcome of evaluating one record; {@code explanation} is the record's exp=, to expand on a fail. */
    record Outcome(SpfResult result, String reason, MacroString explanation, MacroContext context) {
    }

    /** check_host() for a domain already found valid (§4.3). */
    Outcome checkHost(MacroContext context) {
        String domain = context.domain();
        RecordLookup lookup = RecordLookup.find(resolver, cache, domain);
        if (!lookup.found()) {
            return new Outcome(lookup.result(), lookup.reason(), null, context);
        }
        try {
            return evaluate(lookup.record(), context);
        } catch (Abort abort) {
            return new Outcome(abort.result, abort.getMessage(), null, context);
        }
    }

    /** A context whose {@code %{p}} is computed on first use, once per domain. */
    MacroContext contextFor(MacroContext base, String domain) {
        return base.forDomain(domain, () -> validatedNames.computeIfAbsent(domain, this::validatedName));
    }

    private Outcome evaluate(SpfRecord record, MacroContext context) {
        for (Directive directive : record.directives()) {
            Mechanism mechanism = directive.mechanism();
            if (mechanism.queriesDns()) {
                countDnsTerm(mechanism.toString());
            }
            if (matches(mechanism, context)) {
                return new Outcome(directive.qualifier(), "matched " + directive + " at " + context.domain(),
                        record.explanation(), context);
            }
        }
        if (record.redirect() != null) {
            countDnsTerm("redirect=" + record.redirect());
            String target = expandName(record.redirect(), context);
            if (target == null) {
                throw new Abort(SpfResult.PERMERROR, "redirect=" + record.redirect() + " is not a valid domain name");
            }
            SpfRecord next = requireRecord(target, "redirect");
            return evaluate(next, contextFor(context, target));
        }
        return new Outcome(SpfResult.NEUTRAL, "no mechanism matched at " + context.domain(), record.explanation(),
                context);
    }

    private boolean matches(Mechanism mechanism, MacroContext context) {
        checkDeadline();
        if (mechanism instanceof Mechanism.All) {
            return true;
        } else if (mechanism instanceof Mechanism.Ip network) {
            return IpAddresses.inNetwork(ip, network.network(), network.prefix());
        } else if (mechanism instanceof Mechanism.A a) {
            return matchesA(target(a.domain(), context), a.cidr4(), a.cidr6());
        } else if (mechanism instanceof Mechanism.Mx mx) {
            return matchesMx(target(mx.domain(), context), mx.cidr4(), mx.cidr6());
        } else if (mechanism instanceof Mechanism.Ptr ptr) {
            return matchesPtr(target(ptr.domain(), context));
        } else if (mechanism instanceof Mechanism.Exists exists) {
            return matchesExists(expandName(exists.domain(), context));
        } else {
            return matchesInclude((Mechanism.Include) mechanism, context);
        }
    }

    private String target(MacroString domain, MacroContext context) {
        return domain == null ? context.domain() : expandName(domain, context);
    }

    private boolean matchesA(String name, int cidr4, int cidr6) {
        if (name == null) {
            return false;
        }
        DnsResult<? extends InetAddress> answer = addresses(name);
        if (answer.isTemporaryFailure()) {
            throw new Abort(SpfResult.TEMPERROR, "DNS failure looking up " + name + ": " + answer.error());
        }
        if (answer.isNegative()) {
            countVoidLookup(name);
            return false;
        }
        return anyInNetwork(answer.records(), cidr4, cidr6);
    }

    private boolean matchesMx(String name, int cidr4, int cidr6) {
        if (name == null) {
            return false;
        }
        DnsResult<MxRecord> answer = resolver.mx(name);
        if (answer.isTemporaryFailure()) {
            throw new Abort(SpfResult.TEMPERROR, "DNS failure looking up MX of " + name + ": " + answer.error());
        }
        if (answer.isNegative()) {
            countVoidLookup(name);
            return false;
        }
        if (answer.records().size() > MAX_NAMES_PER_ANSWER) {
            throw new Abort(SpfResult.PERMERROR, name + " has more than " + MAX_NAMES_PER_ANSWER + " MX records");
        }
        for (MxRecord mx : answer.records()) {
            if (mx.isNullMx()) {
                continue;
            }
            checkDeadline();
            DnsResult<? extends InetAddress> hosts = addresses(mx.exchange());
            if (hosts.isTemporaryFailure()) {
                throw new Abort(SpfResult.TEMPERROR, "DNS failure looking up " + mx.exchange() + ": " + hosts.error());
            }
            if (hosts.isSuccess() && anyInNetwork(hosts.records(), cidr4, cidr6)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 7208 §5.5: DNS errors make ptr not match; they never give temperror. */
    private boolean matchesPtr(String target) {
        if (target == null) {
            return false;
        }
        DnsResult<String> names = resolver.ptr(ip);
        if (names.isNegative()) {
            countVoidLookup(IpAddresses.dotted(ip));
        }
        if (!names.isSuccess()) {
            return false;
        }
        List<String> candidates = names.records();
        for (String name : candidates.subList(0, Math.min(candidates.size(), MAX_NAMES_PER_ANSWER))) {
            if (isWithin(name, target) && isValidated(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesExists(String name) {
        if (name == null) {
            return false;
        }
        // exists asks for A records whatever the client's address family (RFC 7208 §5.7).
        DnsResult<Inet4Address> answer = resolver.a(name);
        if (answer.isTemporaryFailure()) {
            throw new Abort(SpfResult.TEMPERROR, "DNS failure looking up " + name + ": " + answer.error());
        }
        if (answer.isNegative()) {
            countVoidLookup(name);
            return false;
        }
        return true;
    }

    private boolean matchesInclude(Mechanism.Include include, MacroContext context) {
        String target = expandName(include.domain(), context);
        if (target == null) {
            throw new Abort(SpfResult.PERMERROR, include + " is not a valid domain name");
        }
        SpfRecord included = requireRecord(target, "include");
        Outcome outcome = evaluate(included, contextFor(context, target));
        return switch (outcome.result()) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            // Unreachable: errors end the run as an Abort, and a found record never gives none.
            case TEMPERROR, PERMERROR, NONE -> throw new Abort(outcome.result(), outcome.reason());
        };
    }

    /** The record of an include or redirect target; none there is a permerror (§5.2, §6.1). */
    private SpfRecord requireRecord(String target, String term) {
        RecordLookup lookup = RecordLookup.find(resolver, cache, target);
        if (lookup.found()) {
            return lookup.record();
        }
        if (lookup.result() == SpfResult.NONE) {
            throw new Abort(SpfResult.PERMERROR, term + " target " + target + " has no SPF record");
        }
        throw new Abort(lookup.result(), lookup.reason());
    }

    private DnsResult<? extends InetAddress> addresses(String name) {
        return ip instanceof Inet4Address ? resolver.a(name) : resolver.aaaa(name);
    }

    /** Whether the client lies in the network of any of {@code addresses}, at the prefix for its family. */
    private boolean anyInNetwork(List<? extends InetAddress> addresses, int cidr4, int cidr6) {
        int prefix = ip instanceof Inet4Address ? cidr4 : cidr6;
        for (InetAddress address : addresses) {
            if (IpAddresses.inNetwork(ip, address.getAddress(), prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} is {@code target} or a name below it, ignoring case. */
    private static boolean isWithin(String name, String target) {
        String n = stripDot(name).toLowerCase(Locale.ROOT);
        String t = stripDot(target).toLowerCase(Locale.ROOT);
        return n.equals(t) || n.endsWith("." + t);
    }

    /** Whether {@code name}'s addresses include the client's (§5.5 "validated"); errors mean no. */
    private boolean isValidated(String name) {
        checkDeadline();
        DnsResult<? extends InetAddress> answer;
        try {
            answer = addresses(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return answer.isSuccess() && answer.records().contains(ip);
    }

    /**
     * The {@code %{p}} value (RFC 7208 §7.3): a validated name of the client equal to the domain,
     * else one below the domain, else any validated name, else {@code unknown}.
     */
    private String validatedName(String domain) {
        DnsResult<String> names = resolver.ptr(ip);
        if (!names.isSuccess()) {
            return "unknown";
        }
        List<String> candidates = names.records();
        candidates = candidates.subList(0, Math.min(candidates.size(), MAX_NAMES_PER_ANSWER));
        List<String> validated = new ArrayList<>();
        for (String name : candidates) {
            if (isValidated(name)) {
                validated.add(name);
            }
        }
        for (String name : validated) {
            if (stripDot(name).equalsIgnoreCase(stripDot(domain))) {
                return name;
            }
        }
        for (String name : validated) {
            if (isWithin(name, domain)) {
                return name;
            }
        }
        return validated.isEmpty() ? "unknown" : validated.get(0);
    }

    /**
     * A domain-spec expanded into a name to query: truncated from the left to 253 characters
     * (§7.3), or null when it is no usable DNS name (an empty or over-long label, a space from
     * {@code %_}). Such a name is treated as not existing: the mechanism does not match.
     */
    String expandName(MacroString spec, MacroContext context) {
        String name = stripDot(spec.expand(context));
        while (name.length() > MAX_NAME_LENGTH) {
            int dot = name.indexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(dot + 1);
        }
        return isQueryable(name) ? name : null;
    }

    /** Whether {@code name} can be asked for: labels of 1 to 63 printable characters without spaces. */
    static boolean isQueryable(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63) {
                    return false;
                }
                labelStart = i + 1;
            } else {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7F) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private void countDnsTerm(String term) {
        dnsTerms++;
        if (dnsTerms > maxDnsTerms) {
            throw new Abort(SpfResult.PERMERROR, "more than " + maxDnsTerms + " DNS-querying terms (at " + term + ")");
        }
    }

    private void countVoidLookup(String name) {
        voidLookups++;
        if (voidLookups > maxVoidLookups) {
            throw new Abort(SpfResult.PERMERROR, "more than " + maxVoidLookups + " void DNS lookups (at " + name + ")");
        }
    }

    private void checkDeadline() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Abort(SpfResult.TEMPERROR, "the SPF check took too long");
        }
    }

    /** Ends the run with a permerror or temperror. */
    static final class Abort extends RuntimeException {
        private final SpfResult result;

        Abort(SpfResult result, String reason) {
            super(reason, null, false, false);
            this.result = result;
        }
    }

    /** The TXT text of an explanation, or null when there is no single ASCII record (§6.2). */
    String explanationText(String name) {
        DnsResult<TxtRecord> answer = resolver.txt(name);
        if (!answer.isSuccess() || answer.records().size() != 1) {
            return null;
        }
        String text = answer.records().get(0).text();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7E) {
                return null;
            }
        }
        return text;
    }
}
