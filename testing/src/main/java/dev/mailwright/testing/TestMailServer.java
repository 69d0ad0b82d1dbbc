package dev.mailwright.testing;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.maildir.MaildirMailStore;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.core.tls.ServerTls;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real mail server for tests: SMTP (with STARTTLS), SMTPS, submission, IMAP and IMAPS on
 * free loopback ports, the Mailwright engines behind them, messages recorded with their
 * envelopes and delivered into mailboxes that IMAP clients read. Without JUnit it is a plain
 * object; with JUnit, use {@link MailServerExtension}.
 *
 * <pre>{@code
 * try (TestMailServer mail = TestMailServer.builder().start()) {
 *     Session session = mail.session(Protocol.SMTP);      // for the code under test
 *     ...
 *     ReceivedMessage m = mail.awaitMessages(1, Duration.ofSeconds(5)).get(0);
 *     MailAssertions.assertThat(m).hasSubject("Welcome").isTo("alice@example.com");
 * }
 * }</pre>
 *
 * <p>By default every domain is local and users are created on demand, as in GreenMail: a
 * message to any address is accepted and lands in that address's INBOX, whose password is
 * the address itself; a login with an unknown name creates that user with the password
 * given. Thread-safe.
 */
public final class TestMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestMailServer.class);

    /** How long {@link #awaitMessages(int)} waits. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Builder config;
    private final SelfSignedCertificate certificate;
    private final MailStore store;
    private final boolean ownsStore;
    private final TestAccounts accounts;
    private final ReceivedMessages messages;
    private final Faults faults = new Faults();
    private final CapturingBackend backend;
    private volatile Map<Integer, Protocol> listenerByPort = Map.of();
    private Engines engines;
    private boolean stopped;
    private Duration startTime = Duration.ZERO;
    private SSLContext clientContext;

    private TestMailServer(Builder b) {
        config = b;
        certificate = b.certificate != null ? b.certificate : SharedCertificate.get();
        ownsStore = b.store == null;
        store = b.store != null ? b.store
                : b.maildir != null ? MaildirMailStore.builder().root(b.maildir).build()
                : new InMemoryMailStore();
        accounts = new TestAccounts(store, b.domains, b.autoCreateUsers);
        try {
            b.users.forEach(accounts::createOrUpdate);
        } catch (RuntimeException e) {
            if (ownsStore) {
                store.close();
            }
            throw e;
        }
        messages = new ReceivedMessages(b.maxMessages);
        backend = new CapturingBackend(accounts, messages, faults, store, Clock.systemUTC(),
                port -> listenerByPort.getOrDefault(port, Protocol.SMTP));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds every listener and starts serving.
     *
     * @return this server
     * @throws IllegalStateException if it was started before
     * @throws UncheckedIOException if a listener cannot be bound
     */
    public synchronized TestMailServer start() {
        if (engines != null || stopped) {
            throw new IllegalStateException(stopped ? "a stopped server cannot start again; build a new one"
                    : "already started");
        }
        long begin = System.nanoTime();
        try {
            engines = Engines.start(config.protocols, config.hostname, config.plaintextLogin,
                    ServerTls.of(certificate.certifiedKey()), backend, accounts, store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test mail server: " + e.getMessage(), e);
        }
        Map<Integer, Protocol> byPort = new LinkedHashMap<>();
        engines.addresses().forEach((protocol, address) -> byPort.put(address.getPort(), protocol));
        listenerByPort = Map.copyOf(byPort);
        startTime = Duration.ofNanos(System.nanoTime() - begin);
        log.debug("test mail server started in {} ms: {}", startTime.toMillis(), engines.addresses());
        return this;
    }

    /** Stops every listener (clients still connected are cut off after a short grace); idempotent. */
    public void stop() {
        Engines running;
        synchronized (this) {
            if (stopped) {
                return;
            }
            running = engines;
            engines = null;
            stopped = true;
        }
        // Replies held back by a delay go out now, so that stopping does not wait for them.
        faults.reset();
        if (running != null) {
            running.stop();
        }
        if (ownsStore) {
            store.close();
        }
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return engines != null;
    }

    /** How long {@link #start()} took. */
    public synchronized Duration startTime() {
        return startTime;
    }

    // ---- where it listens ----

    /** The host name clients connect to: {@code localhost}, which the certificate names. */
    public String host() {
        return "localhost";
    }

    /** The listeners this server runs. */
    public Set<Protocol> protocols() {
        return Collections.unmodifiableSet(config.protocols);
    }

    /** The port of a listener. */
    public int port(Protocol protocol) {
        return address(protocol).getPort();
    }

    /**
     * The bound address of a listener.
     *
     * @throws IllegalStateException if the server is not running
     * @throws IllegalArgumentException if this server does not run that listener
     */
    public synchronized InetSocketAddress address(Protocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
        if (!config.protocols.contains(protocol)) {
            throw new IllegalArgumentException(protocol + " is not enabled on this server; enabled: " + config.protocols);
        }
        if (engines == null) {
            throw new IllegalStateException("the test mail server is not running");
        }
        return engines.addresses().get(protocol);
    }

    // ---- users ----

    /**
     * Creates a user whose login name is {@code address}, with an INBOX and the standard
     * mailboxes; an existing user gets the new password.
     *
     * @throws IllegalArgumentException naming what is wrong with the name or password
     */
    public void createUser(String address, String password) {
        accounts.createOrUpdate(address, password);
    }

    /** Every user's canonical login name, sorted. */
    public List<String> users() {
        return accounts.users();
    }

    // ---- received messages ----

    /** Every message received so far, in order of arrival. */
    public List<ReceivedMessage> messages() {
        return messages.all();
    }

    /**
     * Waits for at least {@code count} messages.
     *
     * @return every message received, at least {@code count}, in order of arrival
     * @throws AssertionError listing what did arrive, if they do not come in time
     */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return messages.await(m -> true, count, timeout, count == 1 ? "message" : "messages");
    }

    /** {@link #awaitMessages(int, Duration)} with the {@link #DEFAULT_TIMEOUT}. */
    public List<ReceivedMessage> awaitMessages(int count) {
        return awaitMessages(count, DEFAULT_TIMEOUT);
    }

    /** The messages with {@code address} among their RCPT TO recipients (Bcc included), in order. */
    public List<ReceivedMessage> messagesFor(String address) {
        MailAddress.parse(Objects.requireNonNull(address, "address").strip());
        return messages.matching(m -> m.isFor(address));
    }

    /**
     * Waits for at least {@code count} messages for {@code address}: what tests sharing one
     * server should wait for, each for its own recipient.
     *
     * @throws AssertionError listing what did arrive, if they do not come in time
     */
    public List<ReceivedMessage> awaitMessagesFor(String address, int count, Duration timeout) {
        MailAddress.parse(Objects.requireNonNull(address, "address").strip());
        return messages.await(m -> m.isFor(address), count, timeout, (count == 1 ? "message" : "messages") + " for " + address);
    }

    /** Forgets every received message, empties every mailbox (users stay) and resets the {@link #faults()}. */
    public void purge() {
        messages.clear();
        accounts.purgeMessages();
        faults.reset();
    }

    /** The faults the SMTP listeners inject; none until set. */
    public Faults faults() {
        return faults;
    }

    /** The mail store behind IMAP, for looking at flags or mailboxes directly. */
    public MailStore store() {
        return store;
    }

    // ---- clients ----

    /**
     * Jakarta Mail properties for a client of one listener: host, port, STARTTLS (required for
     * submission, which also sets {@code auth}), TLS trusting exactly this server's certificate
     * with host name verification, UTF-8, and 30-second timeouts. A new object each call.
     */
    public Properties sessionProperties(Protocol protocol) {
        return ClientProperties.of(protocol, host(), port(protocol), clientContext().getSocketFactory());
    }

    /**
     * Properties for every listener at once: SMTP (or, without it, submission), SMTPS, IMAP
     * and IMAPS, whichever run; {@code mail.transport.protocol} and {@code mail.store.protocol}
     * name the plain SMTP and IMAP listeners where they run.
     */
    public Properties sessionProperties() {
        Properties all = new Properties();
        for (Protocol p : List.of(Protocol.IMAPS, Protocol.IMAP, Protocol.SMTPS, Protocol.SUBMISSION, Protocol.SMTP)) {
            boolean shadowed = p == Protocol.SUBMISSION && config.protocols.contains(Protocol.SMTP);
            if (config.protocols.contains(p) && !shadowed) {
                all.putAll(sessionProperties(p));
            }
        }
        return all;
    }

    /** A new Jakarta Mail session for one listener, from {@link #sessionProperties(Protocol)}. */
    public Session session(Protocol protocol) {
        return Session.getInstance(sessionProperties(protocol));
    }

    /**
     * A new Jakarta Mail session for one listener that logs in as {@code user}: SMTP
     * authenticates ({@code auth=true}), and {@code Store.connect()} needs no arguments.
     */
    public Session session(Protocol protocol, String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Properties properties = sessionProperties(protocol);
        String prefix = "mail." + protocol.jakartaName() + ".";
        properties.setProperty(prefix + "user", user);
        if (protocol.isSmtp()) {
            properties.setProperty(prefix + "auth", "true");
        }
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        });
    }

    /** The certificate every TLS listener presents. */
    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /** A trust store holding only the server's certificate (a new one each call). */
    public KeyStore trustStore() {
        return certificate.trustStore();
    }

    /** A client TLS context that trusts only the server's certificate. */
    public synchronized SSLContext sslContext() {
        return clientContext();
    }

    private synchronized SSLContext clientContext() {
        if (clientContext == null) {
            clientContext = certificate.clientContext();
        }
        return clientContext;
    }

    @Override
    public synchronized String toString() {
        return "TestMailServer[" + (engines == null ? (stopped ? "stopped" : "not started") : engines.addresses()) + "]";
    }

    /**
     * Configures a {@link TestMailServer}; {@link #build()} checks the settings. The defaults:
     * every listener, every domain local, users created on demand, logins allowed without TLS
     * (except on submission), an in-memory store (or {@link #maildir(Path)} for mail that
     * outlives the server), the shared self-signed certificate.
     */
    public static final class Builder {
        private final Set<Protocol> protocols = EnumSet.allOf(Protocol.class);
        private final Set<String> domains = new LinkedHashSet<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private boolean autoCreateUsers = true;
        private boolean plaintextLogin = true;
        private MailStore store;
        private Path maildir;
        private SelfSignedCertificate certificate;
        private String hostname = "localhost";
        private int maxMessages = 10_000;

        private Builder() {
        }

        /** Runs only these listeners. */
        public Builder protocols(Protocol first, Protocol... more) {
            protocols.clear();
            protocols.add(Objects.requireNonNull(first, "protocol"));
            for (Protocol p : more) {
                protocols.add(Objects.requireNonNull(p, "protocol"));
            }
            return this;
        }

        /**
         * The domains mail is delivered for. Unauthenticated mail for other domains is then
         * refused (554 5.7.1), as by a real MX; authenticated clients may send anywhere, and
         * such mail is recorded without being stored. By default every domain is local.
         */
        public Builder domains(String... domains) {
            for (String d : domains) {
                this.domains.add(Objects.requireNonNull(d, "domain"));
            }
            return this;
        }

        /** Creates a user at start (see {@link TestMailServer#createUser}). */
        public Builder user(String address, String password) {
            users.put(Objects.requireNonNull(address, "address"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /**
         * Whether unknown recipients and logins create users (the default). Without it, mail
         * for an unknown user of a local domain is refused with 550 5.1.1 and an unknown
         * login fails.
         */
        public Builder autoCreateUsers(boolean enabled) {
            this.autoCreateUsers = enabled;
            return this;
        }

        /**
         * Whether SMTP AUTH on the plain SMTP listener and IMAP LOGIN work before STARTTLS
         * (the default, as most test set-ups expect). Submission always wants TLS first.
         */
        public Builder allowPlaintextLogin(boolean allowed) {
            this.plaintextLogin = allowed;
            return this;
        }

        /**
         * The mail store behind the mailboxes; an in-memory one by default. A store given here
         * is not closed by the server, so its mail may outlive it.
         */
        public Builder store(MailStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Keeps the mailboxes in Maildir directories under {@code root} (created if missing),
         * so that mail outlives the server and a later server on the same directory serves
         * it again. Users are not kept: declare them again, or let them be created on demand.
         * The record of received messages ({@link TestMailServer#messages()}) is per server.
         */
        public Builder maildir(Path root) {
            this.maildir = Objects.requireNonNull(root, "root");
            return this;
        }

        /** The certificate TLS listeners present; by default one generated once and shared. */
        public Builder certificate(SelfSignedCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** The server's name in its greeting and Received fields; {@code localhost} by default. */
        public Builder hostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        /** How many messages are recorded before further ones are refused (452 4.3.1); 10,000 by default. */
        public Builder maxMessages(int count) {
            this.maxMessages = count;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting at fault
         */
        public TestMailServer build() {
            if (store != null && maildir != null) {
                throw new IllegalArgumentException("store(...) and maildir(...) are alternatives: set one");
            }
            if (maxMessages < 1) {
                throw new IllegalArgumentException("maxMessages must be at least 1: " + maxMessages);
            }
            if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("hostname is not a domain name: \"" + hostname + "\"");
            }
            Builder copy = new Builder();
            copy.protocols.clear();
            copy.protocols.addAll(protocols);
            for (String d : domains) {
                try {
                    copy.domains.add(MailAddress.of("postmaster", d.strip()).asciiDomain().toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("domains: not a domain name: \"" + d + "\"", e);
                }
            }
            copy.users.putAll(users);
            copy.autoCreateUsers = autoCreateUsers;
            copy.plaintextLogin = plaintextLogin;
            copy.store = store;
            copy.maildir = maildir;
            copy.certificate = certificate;
            copy.hostname = hostname;
            copy.maxMessages = maxMessages;
            return new TestMailServer(copy);
        }

        /** {@link #build()} and {@link TestMailServer#start()}. */
        public TestMailServer start() {
            return build().start();
        }
    }
}
