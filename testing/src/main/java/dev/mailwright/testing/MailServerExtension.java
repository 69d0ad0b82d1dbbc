package dev.mailwright.testing;

import dev.mailwright.core.tls.SelfSignedCertificate;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link TestMailServer}, one per test class or one per test
 * method, on free ports.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MailServerExtension mail = MailServerExtension.perMethod();
 *
 * @Test
 * void sendsWelcomeMail() {
 *     new Signup(mail.session(Protocol.SMTP)).register("alice@example.com");
 *     assertThat(mail.awaitMessages(1).get(0)).hasSubject("Welcome");
 * }
 * }</pre>
 *
 * <p>{@link #perClass()} starts one server before the class's tests and stops it after
 * them; {@code @Nested} classes share the server of the class that declares the extension.
 * {@link #perMethod()} gives every test its own server, also when tests run in parallel.
 * A per-class extension must be registered on a {@code static} field; a per-method one works
 * on a static or an instance field.
 *
 * <p>Servers live in the JUnit extension context, never in static state. The methods of this
 * class reach the server of the test running on the calling thread; code on other threads,
 * or a static extension shared by test classes running at once, should take the server as a
 * {@link TestMailServer} parameter of the test or lifecycle method, which always resolves
 * to the right one.
 */
public final class MailServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MailServerExtension.class);
    /** The key of the certificate shared by every server of a test run, in the root store. */
    private static final String CERTIFICATE = "certificate";

    private enum Lifecycle { PER_CLASS, PER_METHOD }

    private final Lifecycle lifecycle;
    private final Consumer<TestMailServer.Builder> configuration;
    private final Set<TestMailServer> running = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<TestMailServer> current = new ThreadLocal<>();

    private MailServerExtension(Lifecycle lifecycle, Consumer<TestMailServer.Builder> configuration) {
        this.lifecycle = lifecycle;
        this.configuration = configuration;
    }

    /** One server for all tests of the class and its {@code @Nested} classes. */
    public static MailServerExtension perClass() {
        return new MailServerExtension(Lifecycle.PER_CLASS, b -> { });
    }

    /** A new server for every test method. */
    public static MailServerExtension perMethod() {
        return new MailServerExtension(Lifecycle.PER_METHOD, b -> { });
    }

    /**
     * This extension with more settings for its servers (listeners, domains, users...),
     * applied after those given before.
     *
     * <pre>{@code
     * MailServerExtension.perMethod().configure(b -> b.domains("example.com").autoCreateUsers(false)
     *         .user("alice@example.com", "secret"));
     * }</pre>
     */
    public MailServerExtension configure(Consumer<TestMailServer.Builder> more) {
        Objects.requireNonNull(more, "configuration");
        return new MailServerExtension(lifecycle, configuration.andThen(more));
    }

    // ---- JUnit callbacks ----

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_CLASS && find(context) == null) {
            start(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Running server = lifecycle == Lifecycle.PER_METHOD ? start(context) : find(context);
        if (server == null) {
            throw new ExtensionConfigurationException("MailServerExtension.perClass() has no server for "
                    + context.getDisplayName() + ": register it on a static field");
        }
        current.set(server.server());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        current.remove();
        if (lifecycle == Lifecycle.PER_METHOD) {
            stopIfOwnedBy(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_CLASS) {
            stopIfOwnedBy(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestMailServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running server = find(context);
        if (server == null) {
            throw new ParameterResolutionException("no test mail server here: a per-method server exists only around a"
                    + " test method, not in @BeforeAll or @AfterAll methods");
        }
        return server.server();
    }

    /** The server of {@code context} or of the nearest enclosing context that has one. */
    private Running find(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(this, Running.class);
    }

    private Running start(ExtensionContext context) {
        SelfSignedCertificate certificate = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(CERTIFICATE, key -> SharedCertificate.generate(), SelfSignedCertificate.class);
        TestMailServer.Builder builder = TestMailServer.builder().certificate(certificate);
        configuration.accept(builder);
        TestMailServer server = builder.build().start();
        Running entry = new Running(server, context.getUniqueId(), running);
        running.add(server);
        context.getStore(NAMESPACE).put(this, entry);
        return entry;
    }

    private void stopIfOwnedBy(ExtensionContext context) {
        Running entry = find(context);
        if (entry != null && entry.owner().equals(context.getUniqueId())) {
            context.getStore(NAMESPACE).remove(this);
            entry.close();
        }
    }

    /**
     * A running server and the context that started it. JUnit closes it when that context
     * ends, should the after-callback not have done so already.
     */
    private record Running(TestMailServer server, String owner, Set<TestMailServer> registry) implements AutoCloseable {
        @Override
        public void close() {
            registry.remove(server);
            server.stop();
        }
    }

    // ---- the server of the current test ----

    /**
     * The server of the test running on this thread, or the only server this extension runs.
     *
     * @throws IllegalStateException if there is none, or several and none belongs to this thread
     */
    public TestMailServer server() {
        TestMailServer mine = current.get();
        if (mine != null) {
            return mine;
        }
        List<TestMailServer> all = List.copyOf(running);
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new IllegalStateException(all.isEmpty()
                ? "no test mail server is running" + (lifecycle == Lifecycle.PER_METHOD
                        ? ": a per-method server exists only around a test method" : "")
                : all.size() + " test mail servers are running and none belongs to this thread;"
                        + " take the server as a TestMailServer parameter of the test method");
    }

    /** @see TestMailServer#awaitMessages(int, Duration) */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return server().awaitMessages(count, timeout);
    }

    /** @see TestMailServer#awaitMessages(int) */
    public List<ReceivedMessage> awaitMessages(int count) {
        return server().awaitMessages(count);
    }

    /** @see TestMailServer#awaitMessagesFor(String, int, Duration) */
    public List<ReceivedMessage> awaitMessagesFor(String address, int count, Duration timeout) {
        return server().awaitMessagesFor(address, count, timeout);
    }

    /** @see TestMailServer#messages() */
    public List<ReceivedMessage> messages() {
        return server().messages();
    }

    /** @see TestMailServer#messagesFor(String) */
    public List<ReceivedMessage> messagesFor(String address) {
        return server().messagesFor(address);
    }

    /** @see TestMailServer#purge() */
    public void purge() {
        server().purge();
    }

    /** @see TestMailServer#createUser(String, String) */
    public void createUser(String address, String password) {
        server().createUser(address, password);
    }

    /** @see TestMailServer#faults() */
    public Faults faults() {
        return server().faults();
    }

    /** @see TestMailServer#port(Protocol) */
    public int port(Protocol protocol) {
        return server().port(protocol);
    }

    /** @see TestMailServer#sessionProperties(Protocol) */
    public Properties sessionProperties(Protocol protocol) {
        return server().sessionProperties(protocol);
    }

    /** @see TestMailServer#sessionProperties() */
    public Properties sessionProperties() {
        return server().sessionProperties();
    }

    /** @see TestMailServer#session(Protocol) */
    public Session session(Protocol protocol) {
        return server().session(protocol);
    }

    /** @see TestMailServer#session(Protocol, String, String) */
    public Session session(Protocol protocol, String user, String password) {
        return server().session(protocol, user, password);
    }
}
