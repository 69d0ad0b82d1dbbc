package dev.mailwright.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.mailwright.core.net.AddressRange;
import java.io.IOException;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything {@code mailwright.toml} says, with defaults filled in. Built by
 * {@link #load(Path)} from a file or by {@link #embeddedDefaults(Path)} for
 * {@code mailwright run} without one.
 */
public record MailwrightConfig(
        String hostname,
        List<String> domains,
        Path dataDir,
        Tls tls,
        Listen listen,
        Dns dns,
        Delivery delivery,
        Queue queue,
        Storage storage,
        Dkim dkim,
        Submission submission,
        Checks checks,
        Rewrite rewrite,
        Limits limits) {

    private static final Pattern HOSTNAME = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** The primary domain: the first of {@link #domains()}. */
    public String primaryDomain() {
        return domains.get(0);
    }

    /** {@code [tls]}: leave out both for a generated self-signed certificate. */
    public record Tls(Optional<Path> certificate, Optional<Path> key) {}

    /** {@code [listen]}: where each kind of listener binds; an empty list turns it off. */
    public record Listen(List<InetSocketAddress> smtp, List<InetSocketAddress> submission,
            List<InetSocketAddress> submissionTls, List<InetSocketAddress> imap, List<InetSocketAddress> imapTls,
            List<InetSocketAddress> lmtp, Set<String> proxyProtocol, List<AddressRange> proxyTrusted) {}

    /** {@code [dns]}: resolvers as {@code host:port}; empty means the system's. */
    public record Dns(List<String> servers, Duration timeout) {}

    /** {@code [delivery]}: outbound delivery. */
    public record Delivery(int remotePort, Optional<Smarthost> smarthost, boolean mtaSts, boolean dane,
            int threads, int perDomain) {}

    /** {@code [delivery.smarthost]}: relay all outbound mail through one server. */
    public record Smarthost(InetSocketAddress address, boolean implicitTls, Optional<String> username,
            Optional<Path> passwordFile) {}

    /** {@code [queue]}: the retry schedule. */
    public record Queue(Duration firstRetry, Duration maxRetry, Duration lifetime, boolean delayNotices) {}

    /** {@code [storage]}: where mailboxes live. */
    public record Storage(Backend backend, long quota, Postgres postgres) {
        public enum Backend { MAILDIR, POSTGRES }
    }

    /** {@code [storage.postgres]}: the shared database for several nodes. */
    public record Postgres(Optional<String> url, Optional<String> user, Optional<String> password,
            Optional<Path> passwordFile, int poolSize) {}

    /** {@code [dkim]}: outbound signing keys, generated per domain on first start. */
    public record Dkim(String selector, Algorithm algorithm, Path keysDir) {
        public enum Algorithm { RSA2048, ED25519 }
    }

    /** {@code [submission]}: rules for authenticated senders. */
    public record Submission(boolean enforceSender) {}

    /** What an inbound check does when it fails. */
    public enum Action { REJECT, QUARANTINE, IGNORE }

    /** {@code [checks]}: inbound checks and their actions. */
    public record Checks(Action spf, Action dkim, Action dmarc, Action iprev, Action requireMx, Dnsbl dnsbl,
            int messagesPerIpPerHour, Duration timeout) {}

    /** {@code [checks.dnsbl]}: DNS block lists with scores. */
    public record Dnsbl(List<DnsblList> lists, int rejectScore, int quarantineScore) {}

    /** One block list and the score a listing adds. */
    public record DnsblList(String zone, int score) {}

    /**
     * {@code [rewrite]}: address rewriting for local recipients, and SRS for the senders of mail
     * an alias forwards to another server.
     */
    public record Rewrite(boolean plusAddressing, Map<String, List<String>> aliases, Optional<Path> aliasesFile,
            List<RegexpRule> regexp, Optional<String> catchAll, boolean srs, Optional<Path> srsSecretFile) {}

    /** One {@code [[rewrite.regexp]]} rule: the first that matches rewrites the address. */
    public record RegexpRule(Pattern match, String replace) {}

    /** {@code [limits]}. */
    public record Limits(long messageSize, int recipients, int connections, int connectionsPerIp,
            int imapConnectionsPerIp) {}

    /**
     * Reads a configuration file.
     *
     * @throws ConfigException with one line naming the file and the setting at fault
     */
    public static MailwrightConfig load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage());
        }
        Settings root;
        try {
            root = Settings.root(name, new TomlMapper().readTree(bytes));
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            throw new ConfigException(name + ": not valid TOML: " + (message == null ? "parse error" : message.lines().findFirst().orElse("")));
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        MailwrightConfig config = read(root, base, Defaults.STANDARD);
        root.checkNoUnknownKeys();
        return config;
    }

    /**
     * The embedded defaults of {@code mailwright run} without a file: hostname and domain
     * {@code localhost}, loopback listeners on high ports, a self-signed certificate and
     * Maildir data under {@code workingDir/mailwright-data}.
     */
    public static MailwrightConfig embeddedDefaults(Path workingDir) {
        Settings empty = Settings.root("(embedded defaults)", new TomlMapper().createObjectNode());
        return read(empty, workingDir.toAbsolutePath(), Defaults.EMBEDDED);
    }

    /** The two sets of defaults: a real server's, and a laptop's without root. */
    private enum Defaults {
        STANDARD("0.0.0.0", 25, 587, 465, 143, 993, "/var/lib/mailwright", null),
        EMBEDDED("127.0.0.1", 2525, 5870, 4650, 1430, 9930, "mailwright-data", "localhost");

        final String host;
        final int smtp, submission, submissionTls, imap, imapTls;
        final String dataDir;
        final String name;

        Defaults(String host, int smtp, int submission, int submissionTls, int imap, int imapTls, String dataDir, String name) {
            this.host = host;
            this.smtp = smtp;
            this.submission = submission;
            this.submissionTls = submissionTls;
            this.imap = imap;
            this.imapTls = imapTls;
            this.dataDir = dataDir;
            this.name = name;
        }

        List<String> at(int port) {
            return List.of(host + ":" + port);
        }
    }

    private static MailwrightConfig read(Settings root, Path base, Defaults defaults) {
        String hostname = hostname(root, "hostname", root.string("hostname").orElse(defaults.name));
        List<String> domains = new ArrayList<>();
        for (String domain : root.strings("domains", defaults.name == null ? List.of() : List.of(defaults.name))) {
            domains.add(hostname(root, "domains", domain));
        }
        if (domains.isEmpty()) {
            throw root.problem("domains", "at least one domain is needed");
        }
        Path dataDir = base.resolve(root.path("data-dir").orElse(Path.of(defaults.dataDir))).normalize();

        Settings tlsTable = root.table("tls");
        Optional<Path> cert = tlsTable.path("cert").map(base::resolve);
        Optional<Path> key = tlsTable.path("key").map(base::resolve);
        if (cert.isPresent() != key.isPresent()) {
            throw tlsTable.problem(cert.isPresent() ? "key" : "cert", "cert and key go together: give both or neither");
        }

        Settings l = root.table("listen");
        Listen listen = new Listen(
                l.addresses("smtp", defaults.at(defaults.smtp)),
                l.addresses("submission", defaults.at(defaults.submission)),
                l.addresses("submission-tls", defaults.at(defaults.submissionTls)),
                l.addresses("imap", defaults.at(defaults.imap)),
                l.addresses("imap-tls", defaults.at(defaults.imapTls)),
                l.addresses("lmtp", List.of()),
                Set.copyOf(proxyListeners(l)),
                ranges(l, "proxy-trusted", List.of("127.0.0.0/8", "::1/128")));

        Settings d = root.table("dns");
        List<String> servers = d.strings("servers", List.of());
        for (String server : servers) {
            d.hostPort("servers", server.contains(":") && !server.endsWith("]") ? server : server + ":53");
        }
        Dns dns = new Dns(servers, d.duration("timeout", Duration.ofSeconds(5)));

        Settings del = root.table("delivery");
        int remotePort = (int) del.integer("remote-port", 25, 1, 65535);
        Optional<Smarthost> smarthost = Optional.empty();
        if (del.has("smarthost")) {
            Settings s = del.table("smarthost");
            String address = s.string("address").orElseThrow(() -> s.problem("address", "is required"));
            smarthost = Optional.of(new Smarthost(s.hostPort("address", address), s.bool("implicit-tls", false),
                    s.string("username"), s.path("password-file").map(base::resolve)));
        }
        Delivery delivery = new Delivery(remotePort, smarthost, del.bool("mta-sts", true), del.bool("dane", true),
                (int) del.integer("threads", 16, 1, 1024), (int) del.integer("per-domain", 4, 1, 256));

        Settings q = root.table("queue");
        Queue queue = new Queue(q.duration("first-retry", Duration.ofMinutes(5)), q.duration("max-retry", Duration.ofHours(4)),
                q.duration("lifetime", Duration.ofDays(5)), q.bool("delay-notices", false));
        if (queue.maxRetry().compareTo(queue.firstRetry()) < 0) {
            throw q.problem("max-retry", "must not be shorter than first-retry");
        }

        Settings st = root.table("storage");
        Storage.Backend backend = st.choice("backend", Storage.Backend.class, Storage.Backend.MAILDIR);
        long quota = st.size("quota", 0);
        Settings pg = st.table("postgres");
        Postgres postgres = new Postgres(pg.string("url"), pg.string("user"), pg.string("password"),
                pg.path("password-file").map(base::resolve), (int) pg.integer("pool-size", 10, 1, 1000));
        if (backend == Storage.Backend.POSTGRES && postgres.url().isEmpty()) {
            throw pg.problem("url", "is required when storage.backend is \"postgres\"");
        }

        Settings dk = root.table("dkim");
        String selector = dk.string("selector", "default");
        if (!selector.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")) {
            throw dk.problem("selector", "'" + selector + "' is not a valid DNS label");
        }
        Dkim dkim = new Dkim(selector, dk.choice("algorithm", Dkim.Algorithm.class, Dkim.Algorithm.RSA2048),
                dk.path("keys-dir").map(base::resolve).orElse(dataDir.resolve("dkim")));

        Settings sub = root.table("submission");
        Submission submission = new Submission(sub.bool("enforce-sender", true));

        Settings c = root.table("checks");
        Settings bl = c.table("dnsbl");
        List<DnsblList> lists = new ArrayList<>();
        for (Settings list : bl.tables("lists")) {
            String zone = hostname(list, "zone", list.string("zone").orElseThrow(() -> list.problem("zone", "is required")));
            lists.add(new DnsblList(zone, (int) list.integer("score", 1, -100, 100)));
        }
        Checks checks = new Checks(
                c.choice("spf", Action.class, Action.QUARANTINE),
                c.choice("dkim", Action.class, Action.IGNORE),
                c.choice("dmarc", Action.class, Action.REJECT),
                c.choice("iprev", Action.class, Action.IGNORE),
                c.choice("require-mx", Action.class, Action.IGNORE),
                new Dnsbl(List.copyOf(lists), (int) bl.integer("reject-score", 2, 1, 1000),
                        (int) bl.integer("quarantine-score", 1, 1, 1000)),
                (int) c.integer("messages-per-ip-per-hour", 0, 0, 1_000_000),
                c.duration("timeout", Duration.ofSeconds(60)));
        if (checks.timeout().isZero()) {
            throw c.problem("timeout", "must be positive");
        }

        Settings r = root.table("rewrite");
        List<RegexpRule> rules = new ArrayList<>();
        for (Settings rule : r.tables("regexp")) {
            String match = rule.string("match").orElseThrow(() -> rule.problem("match", "is required"));
            String replace = rule.string("replace").orElseThrow(() -> rule.problem("replace", "is required"));
            try {
                rules.add(new RegexpRule(Pattern.compile(match, Pattern.CASE_INSENSITIVE), replace));
            } catch (PatternSyntaxException e) {
                throw rule.problem("match", "not a valid regular expression: " + e.getDescription());
            }
        }
        Rewrite rewrite = new Rewrite(r.bool("plus-addressing", true), r.stringTable("aliases"),
                r.path("aliases-file").map(base::resolve), List.copyOf(rules), r.string("catch-all"),
                r.bool("srs", true), r.path("srs-secret-file").map(base::resolve));

        Settings lim = root.table("limits");
        Limits limits = new Limits(
                lim.size("message-size", 32L << 20),
                (int) lim.integer("recipients", 1000, 1, 100_000),
                (int) lim.integer("connections", 1000, 1, 1_000_000),
                (int) lim.integer("connections-per-ip", 20, 1, 100_000),
                (int) lim.integer("imap-connections-per-ip", 20, 1, 100_000));

        return new MailwrightConfig(hostname, List.copyOf(domains), dataDir, new Tls(cert, key), listen, dns, delivery,
                queue, new Storage(backend, quota, postgres), dkim, submission, checks, rewrite, limits);
    }

    private static List<AddressRange> ranges(Settings settings, String key, List<String> defaults) {
        List<AddressRange> out = new ArrayList<>();
        for (String text : settings.strings(key, defaults)) {
            try {
                out.add(AddressRange.parse(text));
            } catch (IllegalArgumentException e) {
                throw settings.problem(key, e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<String> proxyListeners(Settings listen) {
        List<String> names = listen.strings("proxy-protocol", List.of());
        for (String name : names) {
            if (!List.of("smtp", "submission", "submission-tls", "imap", "imap-tls", "lmtp").contains(name)) {
                throw listen.problem("proxy-protocol", "'" + name + "' is not a listener (smtp, submission, submission-tls, imap, imap-tls, lmtp)");
            }
        }
        return names;
    }

    private static String hostname(Settings settings, String key, String value) {
        if (value == null) {
            throw settings.problem(key, "is required");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(value.endsWith(".") ? value.substring(0, value.length() - 1) : value,
                    IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw settings.problem(key, "'" + value + "' is not a valid domain name");
        }
        if (!HOSTNAME.matcher(ascii).matches()) {
            throw settings.problem(key, "'" + value + "' is not a valid domain name");
        }
        return ascii;
    }
}
