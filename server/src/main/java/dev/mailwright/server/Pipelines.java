package dev.mailwright.server;

import dev.mailwright.auth.EmailAuthenticator;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.io.AtomicFile;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.user.ManagedUserDirectory;
import dev.mailwright.core.user.UserDirectory;
import dev.mailwright.postgres.PostgresDatabase;
import dev.mailwright.postgres.PostgresMtaStsPolicyStore;
import dev.mailwright.postgres.PostgresQueueStorage;
import dev.mailwright.postgres.PostgresUserDirectory;
import dev.mailwright.server.config.ConfigException;
import dev.mailwright.server.config.MailwrightConfig;
import dev.mailwright.server.pipeline.AddressRewriter;
import dev.mailwright.server.pipeline.AliasFile;
import dev.mailwright.server.pipeline.BlocklistCheck;
import dev.mailwright.server.pipeline.CheckRunner;
import dev.mailwright.server.pipeline.DeliveryNotices;
import dev.mailwright.server.pipeline.InboundPolicy;
import dev.mailwright.server.pipeline.LocalDelivery;
import dev.mailwright.server.pipeline.LocalOrRemote;
import dev.mailwright.server.pipeline.MailPipeline;
import dev.mailwright.server.pipeline.RateLimiter;
import dev.mailwright.server.pipeline.ReverseDnsCheck;
import dev.mailwright.server.pipeline.SenderAuthorization;
import dev.mailwright.server.pipeline.SenderDomainCheck;
import dev.mailwright.server.pipeline.Srs;
import dev.mailwright.smtp.outbound.MessageSigner;
import dev.mailwright.smtp.outbound.OutboundDelivery;
import dev.mailwright.smtp.outbound.RetrySchedule;
import dev.mailwright.smtp.outbound.Smarthost;
import dev.mailwright.smtp.outbound.dkim.DkimKeyStore;
import dev.mailwright.smtp.outbound.dkim.DkimMessageSigner;
import dev.mailwright.smtp.outbound.mtasts.FileMtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spool.FileQueueStorage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the message pipeline and the outbound queue from the configuration. */
final class Pipelines {

    private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

    private final MailwrightConfig config;
    private final DataLayout layout;
    private final MailStore store;
    private final UserDirectory users;
    private final DnsResolver dns;
    private final EmailAuthenticator authenticator;
    private final Clock clock;
    private final AddressRewriter rewriter;
    private final LocalDelivery local;
    private final Optional<Srs> srs;
    private MessageSigner signer = MessageSigner.NONE;
    /** The shared database with {@code [storage] backend = "postgres"}: then the queue and MTA-STS cache live there. */
    private final Optional<PostgresDatabase> database;

    Pipelines(MailwrightConfig config, DataLayout layout, MailStore store, UserDirectory users, DnsResolver dns,
            EmailAuthenticator authenticator, Clock clock, Optional<PostgresDatabase> database) {
        this.config = config;
        this.layout = layout;
        this.store = store;
        this.users = users;
        this.dns = dns;
        this.authenticator = authenticator;
        this.clock = clock;
        this.database = database;
        this.rewriter = rewriter();
        this.local = new LocalDelivery(store, clock);
        this.srs = srs();
    }

    private AddressRewriter rewriter() {
        MailwrightConfig.Rewrite r = config.rewrite();
        Supplier<Map<String, List<String>>> fileAliases = Map::of;
        if (r.aliasesFile().isPresent()) {
            try {
                AliasFile file = new AliasFile(r.aliasesFile().get(), clock, Duration.ofSeconds(2));
                fileAliases = file::aliases;
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("rewrite.aliases-file: " + e.getMessage());
            }
        }
        List<AddressRewriter.Rule> rules = r.regexp().stream()
                .map(rule -> new AddressRewriter.Rule(rule.match(), rule.replace())).toList();
        Optional<MailAddress> catchAll = r.catchAll().map(text -> address("rewrite.catch-all", text));
        if (users instanceof PostgresUserDirectory shared) {
            fileAliases = withSharedAliases(shared, fileAliases);
        }
        Supplier<List<String>> accounts = users instanceof ManagedUserDirectory managed ? managed::list : store::accounts;
        return new AddressRewriter(Set.copyOf(config.domains()), new MailAccounts(users, store), lowerCaseKeys(r.aliases()), fileAliases, rules,
                r.plusAddressing(), catchAll, MailServer.postmaster(config), accounts);
    }

    /**
     * The aliases file's aliases over those in the shared database, which every node reads. The
     * merged map is made again only when either side changed.
     */
    private static Supplier<Map<String, List<String>>> withSharedAliases(PostgresUserDirectory shared,
            Supplier<Map<String, List<String>>> file) {
        record Merged(Map<String, List<String>> db, Map<String, List<String>> file, Map<String, List<String>> all) {}
        AtomicReference<Merged> last = new AtomicReference<>(new Merged(Map.of(), Map.of(), Map.of()));
        return () -> {
            Map<String, List<String>> db = shared.aliases().all();
            Map<String, List<String>> fromFile = file.get();
            Merged m = last.get();
            if (m.db() != db || m.file() != fromFile) {
                Map<String, List<String>> all = new java.util.HashMap<>(db);
                all.putAll(fromFile);
                m = new Merged(db, fromFile, Map.copyOf(all));
                last.set(m);
            }
            return m.all();
        };
    }

    /** The static aliases, checked now (a bad one stops the start), keys lower-cased. */
    private Map<String, List<String>> lowerCaseKeys(Map<String, List<String>> aliases) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        aliases.forEach((k, v) -> {
            String problem = AliasFile.problem(k, v);
            if (problem != null) {
                throw new ConfigException("rewrite.aliases: " + problem);
            }
            if (k.contains("@") && !config.domains().contains(MailAddress.parse(k).asciiDomain().toLowerCase(java.util.Locale.ROOT))) {
                throw new ConfigException("rewrite.aliases: alias '" + k + "' is not in a local domain");
            }
            out.put(k.toLowerCase(java.util.Locale.ROOT), v);
        });
        return out;
    }

    private static MailAddress address(String setting, String text) {
        try {
            return MailAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + ": '" + text + "' is not an address");
        }
    }

    OutboundDelivery outbound(Function<OutboundDelivery.Builder, OutboundDelivery.Builder> adjust, List<AutoCloseable> owned) {
        MailwrightConfig.Delivery d = config.delivery();
        MailwrightConfig.Queue q = config.queue();
        QueueStorage queue;
        try {
            queue = database.<QueueStorage>map(db -> PostgresQueueStorage.open(db, layout.spoolDir()))
                    .orElseGet(() -> FileQueueStorage.open(layout.queueDir()));
        } catch (RuntimeException e) {
            throw new ConfigException("data-dir: cannot open the queue in " + layout.queueDir() + ": " + e.getMessage());
        }
        owned.add(queue);
        DkimKeyStore keys = DkimKeyStore.open(config.dkim().keysDir(), config.dkim().selector(),
                config.dkim().algorithm() == MailwrightConfig.Dkim.Algorithm.ED25519
                        ? DkimKeyStore.KeyType.ED25519 : DkimKeyStore.KeyType.RSA_2048);
        signer = DkimMessageSigner.create(keys, config.domains(), clock);
        AtomicReference<OutboundDelivery> self = new AtomicReference<>();
        DeliveryTarget bounces = notices(self::get);
        OutboundDelivery.Builder builder = OutboundDelivery.builder()
                .queue(queue)
                .dns(dns)
                .heloName(config.hostname())
                .deliveryThreads(d.threads())
                .perDomainConcurrency(d.perDomain())
                .retrySchedule(new RetrySchedule(q.firstRetry(), 2.0, q.maxRetry(), q.lifetime(), 0.1))
                .mtaSts(d.mtaSts())
                .mtaStsStore(database.<MtaStsPolicyStore>map(PostgresMtaStsPolicyStore::open)
                        .orElseGet(() -> FileMtaStsPolicyStore.open(layout.mtaStsCache())))
                .dane(d.dane())
                .remotePort(d.remotePort())
                .bounceTarget(bounces)
                .clock(clock);
        if (q.delayNotices()) {
            builder.delayWarning(Duration.ofHours(4));
        }
        d.smarthost().ifPresent(s -> builder.smarthost(smarthost(s)));
        OutboundDelivery outbound = adjust.apply(builder).build();
        self.set(outbound);
        return outbound;
    }

    /** Where the server's own reports go: local senders' mailboxes, or the outbound queue. */
    private DeliveryTarget notices(Supplier<OutboundDelivery> outbound) {
        return new LocalOrRemote(rewriter, srs, local, (envelope, content) -> outbound.get().deliver(envelope, content));
    }

    private static Smarthost smarthost(MailwrightConfig.Smarthost s) {
        Smarthost relay = s.implicitTls()
                ? Smarthost.implicitTls(s.address().getHostString(), s.address().getPort())
                : Smarthost.starttls(s.address().getHostString(), s.address().getPort());
        if (s.username().isPresent()) {
            if (s.passwordFile().isEmpty()) {
                throw new ConfigException("delivery.smarthost.password-file: is required with a username");
            }
            String password;
            try {
                password = Files.readString(s.passwordFile().get(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException("delivery.smarthost.password-file: cannot read " + s.passwordFile().get());
            }
            relay = relay.withCredentials(s.username().get(), password);
        }
        return relay;
    }

    MailPipeline pipeline(OutboundDelivery outbound, List<AutoCloseable> owned) {
        CheckRunner checks = new CheckRunner(32, config.checks().timeout());
        owned.add(checks);
        MailwrightConfig.Checks c = config.checks();
        List<BlocklistCheck.Blocklist> lists = c.dnsbl().lists().stream()
                .map(l -> new BlocklistCheck.Blocklist(l.zone(), l.score())).toList();
        return new MailPipeline(
                config.hostname(),
                rewriter,
                authenticator,
                new InboundPolicy(c.spf(), c.dkim(), c.dmarc(), c.iprev(), c.requireMx()),
                new ReverseDnsCheck(dns),
                new SenderDomainCheck(dns),
                new BlocklistCheck(dns, lists),
                c.dnsbl().rejectScore(),
                c.dnsbl().quarantineScore(),
                new RateLimiter(c.messagesPerIpPerHour(), com.github.benmanes.caffeine.cache.Ticker.systemTicker()),
                new SenderAuthorization(rewriter),
                config.submission().enforceSender(),
                local,
                outbound,
                new DeliveryNotices(config.hostname(), notices(() -> outbound), clock),
                checks,
                signer,
                srs);
    }

    /**
     * SRS for forwarded mail, with the secret from {@code rewrite.srs-secret-file} or, by default,
     * {@code srs.key} in the data directory, made on first start. Nodes that share a domain must
     * share the secret, so that any of them takes back a bounce to an address another made.
     */
    private Optional<Srs> srs() {
        MailwrightConfig.Rewrite r = config.rewrite();
        if (!r.srs()) {
            return Optional.empty();
        }
        Path file = r.srsSecretFile().orElse(layout.root().resolve("srs.key"));
        String setting = r.srsSecretFile().isPresent() ? "rewrite.srs-secret-file" : "data-dir";
        if (r.srsSecretFile().isEmpty() && database.isPresent()) {
            log.warn("SRS: every node needs the same secret; set rewrite.srs-secret-file to a file they share,"
                    + " or copy {} to each node", file);
        }
        try {
            if (r.srsSecretFile().isEmpty() && !Files.exists(file)) {
                createSecret(file);
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return Optional.of(new Srs(secret, config.domains().get(0), clock));
        } catch (IOException e) {
            throw new ConfigException(setting + ": cannot read or write the SRS secret " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + ": " + file + " must hold at least 16 bytes in base64");
        }
    }

    /**
     * Writes a new random secret, unless another process got there first: the file appears
     * whole (a hard link to a synced temporary file) and is never replaced, so two servers
     * starting on one data directory end up with the same secret.
     */
    private static void createSecret(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path temp = Files.createTempFile(file.getParent(), ".srs", ".tmp", AtomicFile.permissions(file, true));
        try {
            Files.write(temp, (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.createLink(file, temp);
            AtomicFile.syncDirectory(file.getParent());
        } catch (FileAlreadyExistsException e) {
            // Another server made it first: use theirs.
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
