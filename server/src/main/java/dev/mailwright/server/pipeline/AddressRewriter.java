package dev.mailwright.server.pipeline;

import dev.mailwright.core.AddressException;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.user.UserDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where mail for a local address goes: to local accounts, and through aliases to
 * other addresses, here or elsewhere. In order: aliases (static, then the aliases file;
 * a full address first, then a bare local part), regexp rules, the account itself,
 * plus-addressing ({@code user+tag@} as {@code user@}), postmaster (always deliverable,
 * RFC 5321 §4.5.1), then the catch-all. Alias chains are followed up to a limit.
 */
public final class AddressRewriter {

    private static final Logger log = LoggerFactory.getLogger(AddressRewriter.class);
    private static final int MAX_DEPTH = 10;
    private static final int MAX_TARGETS = 1000;

    /** Where one recipient's mail goes. */
    public sealed interface Target {
        /** A local account. */
        record Account(String name) implements Target {}

        /** An address elsewhere: the message is relayed there. */
        record Remote(MailAddress address) implements Target {}
    }

    /** A regexp rule: the first that matches a whole address rewrites it. */
    public record Rule(Pattern match, String replace) {}

    private final Set<String> localDomains;
    private final UserDirectory directory;
    private final Map<String, List<String>> aliases;
    private final Supplier<Map<String, List<String>>> fileAliases;
    private final List<Rule> rules;
    private final boolean plusAddressing;
    private final Optional<MailAddress> catchAll;
    private final MailAddress postmaster;
    private final Supplier<List<String>> allAccounts;

    /**
     * @param localDomains the domains delivered here, in A-label form
     * @param directory accounts
     * @param aliases static aliases, keys lower-case
     * @param fileAliases the aliases file's current contents (empty map if none)
     * @param rules regexp rules
     * @param plusAddressing whether {@code user+tag@} reaches {@code user@}
     * @param catchAll where mail for unknown local addresses goes, if anywhere
     * @param postmaster where postmaster mail goes when no alias or account says otherwise
     * @param allAccounts every account, sorted; the first takes postmaster mail when nothing else does
     */
    public AddressRewriter(Set<String> localDomains, UserDirectory directory, Map<String, List<String>> aliases,
            Supplier<Map<String, List<String>>> fileAliases, List<Rule> rules, boolean plusAddressing,
            Optional<MailAddress> catchAll, MailAddress postmaster, Supplier<List<String>> allAccounts) {
        this.localDomains = Set.copyOf(localDomains);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.aliases = Map.copyOf(aliases);
        this.fileAliases = Objects.requireNonNull(fileAliases, "fileAliases");
        this.rules = List.copyOf(rules);
        this.plusAddressing = plusAddressing;
        this.catchAll = Objects.requireNonNull(catchAll, "catchAll");
        this.postmaster = Objects.requireNonNull(postmaster, "postmaster");
        this.allAccounts = Objects.requireNonNull(allAccounts, "allAccounts");
    }

    /** Where postmaster mail goes when no alias or account says otherwise. */
    public MailAddress postmaster() {
        return postmaster;
    }

    public boolean isLocal(MailAddress address) {
        return localDomains.contains(address.asciiDomain().toLowerCase(Locale.ROOT));
    }

    /**
     * Where mail for a local recipient goes; empty when nobody here takes it (550 5.1.1).
     *
     * @throws IllegalArgumentException if {@code recipient} is not in a local domain
     */
    public List<Target> resolve(MailAddress recipient) {
        if (!isLocal(recipient)) {
            throw new IllegalArgumentException("not a local address: " + recipient);
        }
        return resolve(recipient, true);
    }

    private List<Target> resolve(MailAddress recipient, boolean implicit) {
        Set<Target> targets = new LinkedHashSet<>();
        if (!expand(recipient, 0, targets, new LinkedHashSet<>(), implicit, implicit)) {
            return List.of();
        }
        return List.copyOf(targets);
    }

    /**
     * Whether {@code address} is one of {@code account}'s own: the account itself, an alias
     * or regexp rule that leads to it, or a plus-address of either. The catch-all and the
     * implicit postmaster fallback do not count, so that they give no one the right to send
     * as addresses nobody owns: the sender check of submission.
     */
    public boolean belongsTo(MailAddress address, String account) {
        if (!isLocal(address)) {
            return false;
        }
        return resolve(address, false).contains(new Target.Account(account));
    }

    /**
     * @param implicit whether the postmaster fallback and the catch-all apply (delivery) or
     *     only what is configured or exists (ownership)
     * @param mayCatchAll whether this address may fall to the catch-all: only the recipient
     *     itself, never an alias target
     */
    private boolean expand(MailAddress address, int depth, Set<Target> out, Set<String> seen, boolean implicit,
            boolean mayCatchAll) {
        if (depth > MAX_DEPTH || out.size() >= MAX_TARGETS) {
            log.warn("alias expansion stopped at {}: more than {} levels or {} targets", address, MAX_DEPTH, MAX_TARGETS);
            return false;
        }
        if (!seen.add(key(address))) {
            // Reached before through another alias (or a loop): its targets are already in.
            return true;
        }
        List<String> aliasTargets = aliasTargets(address);
        if (aliasTargets != null) {
            boolean any = false;
            for (String target : aliasTargets) {
                any |= addTarget(target, depth, out, seen, implicit);
            }
            return any;
        }
        for (Rule rule : rules) {
            Matcher m = rule.match().matcher(address.toString());
            if (m.matches()) {
                String rewritten;
                try {
                    rewritten = m.replaceFirst(rule.replace());
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    log.warn("rewrite rule {} cannot rewrite {}: {}", rule.match(), address, e.getMessage());
                    return false;
                }
                return addTarget(rewritten, depth, out, seen, implicit);
            }
        }
        Optional<String> account = directory.accountFor(address.localPart(), address.domain());
        if (account.isPresent()) {
            out.add(new Target.Account(account.get()));
            return true;
        }
        if (plusAddressing) {
            int plus = address.localPart().indexOf('+');
            if (plus > 0) {
                MailAddress base = MailAddress.of(address.localPart().substring(0, plus), address.domain());
                if (expand(base, depth + 1, out, seen, implicit, false)) {
                    return true;
                }
            }
        }
        if (implicit && address.localPart().equalsIgnoreCase("postmaster")) {
            if (!key(address).equals(key(postmaster)) && expand(postmaster, depth + 1, out, seen, implicit, false)) {
                return true;
            }
            List<String> accounts = allAccounts.get();
            if (!accounts.isEmpty()) {
                out.add(new Target.Account(accounts.get(0)));
                return true;
            }
        }
        if (mayCatchAll && catchAll.isPresent()) {
            return expand(catchAll.get(), depth + 1, out, seen, implicit, false);
        }
        return false;
    }

    private boolean addTarget(String target, int depth, Set<Target> out, Set<String> seen, boolean implicit) {
        MailAddress address;
        try {
            address = MailAddress.parse(target);
        } catch (AddressException e) {
            log.warn("alias target '{}' is not an address: {}", target, e.getMessage());
            return false;
        }
        if (!isLocal(address)) {
            out.add(new Target.Remote(address));
            return true;
        }
        return expand(address, depth + 1, out, seen, implicit, false);
    }

    private List<String> aliasTargets(MailAddress address) {
        String full = key(address);
        String bare = address.localPart().toLowerCase(Locale.ROOT);
        Map<String, List<String>> fromFile = fileAliases.get();
        for (Map<String, List<String>> table : List.of(aliases, fromFile)) {
            List<String> targets = table.get(full);
            if (targets == null) {
                targets = table.get(bare);
            }
            if (targets != null) {
                return new ArrayList<>(targets);
            }
        }
        return null;
    }

    private static String key(MailAddress address) {
        return address.localPart().toLowerCase(Locale.ROOT) + "@" + address.asciiDomain().toLowerCase(Locale.ROOT);
    }
}
