package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ENVELOPE and BODYSTRUCTURE come from a structure parsed once per message, shared by sessions. */
class StructureCacheTest {

    private final AtomicInteger contentReads = new AtomicInteger();
    private ImapServer server;

    @AfterEach
    void stop() {
        server.stop(Duration.ofMillis(100));
    }

    /** A store whose mailboxes count how often message bytes are read. */
    private MailStore counting(MailStore real) {
        return proxy(MailStore.class, real, (method, result) -> result instanceof UserMail mail
                ? proxy(UserMail.class, mail, (m2, r2) -> r2 instanceof Mailbox box
                        ? proxy(Mailbox.class, box, (m3, r3) -> {
                            if (m3.getName().equals("content")) {
                                contentReads.incrementAndGet();
                            }
                            return r3;
                        })
                        : r2)
                : result);
    }

    private interface After {
        Object apply(Method method, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(StructureCacheTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    try {
                        return after.apply(method, method.invoke(target, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    @Test
    void messagesAreReadOnceForEnvelopeAndStructureAcrossFetchesAndSessions() throws Exception {
        MailStore real = new InMemoryMailStore();
        real.provision("alice");
        server = ImapServer.builder().store(counting(real)).authenticator((u, p, a) -> Optional.of(u)).loginWithoutTls(true)
                .listener(ImapListener.loopback(TlsMode.NONE).build()).build();
        java.net.InetSocketAddress address = server.start().get(0);
        try (UserMail mail = real.open("alice")) {
            for (int i = 0; i < 3; i++) {
                mail.append(dev.mailwright.core.store.MailboxName.INBOX, dev.mailwright.core.MessageContent.of(
                        TestServer.message("m" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        dev.mailwright.core.store.Flags.NONE, java.time.Instant.now());
            }
        }
        try (RawClient a = new RawClient(address); RawClient b = new RawClient(address)) {
            a.line();
            b.line();
            a.command("l", "LOGIN alice x");
            b.command("l", "LOGIN alice x");
            a.command("s", "SELECT INBOX");
            b.command("s", "EXAMINE INBOX");
            assertThat(a.command("f1", "FETCH 1:* (ENVELOPE BODYSTRUCTURE)")).hasSize(4);
            assertThat(contentReads).hasValue(3);
            assertThat(a.command("f2", "FETCH 1:* (ENVELOPE BODY)")).hasSize(4);
            assertThat(b.command("f3", "FETCH 1:* BODYSTRUCTURE")).hasSize(4);
            assertThat(b.command("f4", "SEARCH SUBJECT m1")).containsExactly("* SEARCH 2", "f4 OK SEARCH completed");
            assertThat(contentReads).hasValue(3);
            // Section data needs the bytes themselves, not a new parse.
            assertThat(b.command("f5", "FETCH 1 BODY.PEEK[TEXT]")).hasSize(4);
            assertThat(contentReads).hasValue(4);
        }
    }

    @Test
    void aStructureTheStoreKeptIsUsedWithoutReadingTheMessage() throws Exception {
        MailStore real = new InMemoryMailStore();
        real.provision("alice");
        MailStore keeping = proxy(MailStore.class, real, (method, result) -> result instanceof UserMail mail
                ? proxy(UserMail.class, mail, (m2, r2) -> r2 instanceof Mailbox box
                        ? proxy(Mailbox.class, box, (m3, r3) -> {
                            if (m3.getName().equals("content")) {
                                contentReads.incrementAndGet();
                            }
                            return r3;
                        })
                        : r2)
                : result);
        // The store "keeps" structures: answer storedStructure from the real bytes, uncounted.
        MailStore store = proxy(MailStore.class, keeping, (method, result) -> result instanceof UserMail mail
                ? proxy(UserMail.class, mail, (m2, r2) -> r2 instanceof Mailbox box ? storing(box, real) : r2)
                : result);
        server = ImapServer.builder().store(store).authenticator((u, p, a) -> Optional.of(u)).loginWithoutTls(true)
                .listener(ImapListener.loopback(TlsMode.NONE).build()).build();
        java.net.InetSocketAddress address = server.start().get(0);
        try (UserMail mail = real.open("alice")) {
            mail.append(dev.mailwright.core.store.MailboxName.INBOX, dev.mailwright.core.MessageContent.of(
                    TestServer.message("kept").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    dev.mailwright.core.store.Flags.NONE, java.time.Instant.now());
        }
        try (RawClient a = new RawClient(address)) {
            a.line();
            a.command("l", "LOGIN alice x");
            a.command("s", "SELECT INBOX");
            assertThat(a.command("f1", "FETCH 1 (ENVELOPE BODYSTRUCTURE)")).hasSize(2).first().asString().contains("\"kept\"");
            assertThat(contentReads).hasValue(0);
        }
    }

    /** {@code box} with storedStructure answered from the real store's bytes. */
    private static Mailbox storing(Mailbox box, MailStore real) {
        return proxy(Mailbox.class, box, (method, result) -> {
            if (!method.getName().equals("storedStructure")) {
                return result;
            }
            try (UserMail mail = real.open("alice"); Mailbox realBox = mail.select(dev.mailwright.core.store.MailboxName.INBOX)) {
                long uid = realBox.snapshot().messages().get(0).uid();
                return Optional.of(dev.mailwright.core.mime.MimeStructure.parse(realBox.content(uid)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
