package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jakarta/Angus Mail's IMAP client against the server: an independent implementation of the protocol. */
class AngusClientTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Store connect(String protocol, InetSocketAddress address, boolean startTls) throws Exception {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", address.getHostString());
        p.put(prefix + "port", String.valueOf(address.getPort()));
        p.put(prefix + "connectiontimeout", "5000");
        p.put(prefix + "timeout", "5000");
        if (startTls) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (protocol.equals("imaps") || startTls) {
            p.put(prefix + "ssl.socketFactory", TestServer.CERTIFICATE.clientContext().getSocketFactory());
            p.put(prefix + "ssl.checkserveridentity", "false");
        }
        Session session = Session.getInstance(p);
        session.setDebug(Boolean.getBoolean("imap.debug"));
        Store store = session.getStore(protocol);
        store.connect(address.getHostString(), address.getPort(), "alice", "secret");
        return store;
    }

    private MimeMessage compose(Session session, String subject) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("Carol <carol@example.net>"));
        m.setRecipients(Message.RecipientType.TO, "alice@example.org");
        m.setSubject(subject, "UTF-8");
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Grüße, " + subject, "UTF-8");
        mp.addBodyPart(text);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(new byte[] {1, 2, 3, 4, 5}, "application/octet-stream");
        attachment.setFileName("data.bin");
        mp.addBodyPart(attachment);
        m.setContent(mp);
        m.saveChanges();
        return m;
    }

    @Test
    void appendFetchSearchAndFlagsOverStartTls() throws Exception {
        Store store = connect("imap", server.startTls(), true);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Session session = Session.getInstance(new Properties());
            AppendUID[] uids = inbox.appendUIDMessages(new Message[] {compose(session, "first"), compose(session, "zweite Nachricht")});
            assertThat(uids).hasSize(2);
            assertThat(uids[0].uidvalidity).isEqualTo(inbox.getUIDValidity());
            assertThat(uids[1].uid).isEqualTo(uids[0].uid + 1);

            Message[] messages = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(UIDFolder.FetchProfileItem.UID);
            inbox.fetch(messages, profile);
            assertThat(messages).hasSize(2);
            assertThat(messages[1].getSubject()).isEqualTo("zweite Nachricht");
            assertThat(((InternetAddress) messages[0].getFrom()[0]).getAddress()).isEqualTo("carol@example.net");
            assertThat(inbox.getUID(messages[1])).isEqualTo(uids[1].uid);

            MimeMultipart content = (MimeMultipart) messages[0].getContent();
            assertThat(content.getCount()).isEqualTo(2);
            assertThat(content.getBodyPart(0).getContent()).isEqualTo("Grüße, first");
            assertThat(content.getBodyPart(1).getFileName()).isEqualTo("data.bin");
            assertThat(content.getBodyPart(1).getInputStream().readAllBytes()).containsExactly(1, 2, 3, 4, 5);
            assertThat(messages[0].isSet(Flags.Flag.SEEN)).isTrue();

            assertThat(inbox.search(new SubjectTerm("zweite"))).extracting(Message::getMessageNumber).containsExactly(2);
            assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))).extracting(Message::getMessageNumber)
                    .containsExactly(2);

            messages[1].setFlag(Flags.Flag.DELETED, true);
            assertThat(inbox.expunge()).hasSize(1);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void foldersCopyAndMoveOverImplicitTls() throws Exception {
        Store store = connect("imaps", server.implicitTls(), false);
        try {
            List<String> names = java.util.Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName).toList();
            assertThat(names).contains("INBOX", "Drafts", "Sent", "Junk", "Trash", "Archive");
            Folder work = store.getFolder("Work/Ünïcode");
            assertThat(work.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(store.getFolder("Work").list()).extracting(Folder::getFullName).containsExactly("Work/Ünïcode");

            server.deliver("alice", "INBOX", TestServer.message("to copy"));
            server.deliver("alice", "INBOX", TestServer.message("to move"));
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            AppendUID[] copied = inbox.copyUIDMessages(new Message[] {inbox.getMessage(1)}, work);
            assertThat(copied).hasSize(1);
            Message moved = inbox.getMessage(2);
            inbox.moveMessages(new Message[] {moved}, work);
            // The client saw the EXPUNGE that MOVE sends for the moved message.
            assertThat(moved.isExpunged()).isTrue();
            work.open(Folder.READ_ONLY);
            assertThat(work.getMessageCount()).isEqualTo(2);
            assertThat(work.getMessage(2).getSubject()).isEqualTo("to move");
            work.close(false);
            inbox.close(false);
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
            assertThat(work.renameTo(store.getFolder("Work/Renamed"))).isTrue();
            assertThat(store.getFolder("Work/Renamed").exists()).isTrue();
            assertThat(store.getFolder("Work/Renamed").delete(false)).isTrue();
        } finally {
            store.close();
        }
    }

    @Test
    void idleWakesOnDelivery() throws Exception {
        Store store = connect("imap", server.plain(), false);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            CountDownLatch added = new CountDownLatch(1);
            inbox.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
                @Override
                public void messagesAdded(jakarta.mail.event.MessageCountEvent e) {
                    added.countDown();
                }
            });
            CompletableFuture<Void> idle = CompletableFuture.runAsync(() -> {
                try {
                    inbox.idle(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Deliver until the client saw it: the IDLE command may not have reached the server yet.
            for (int i = 0; i < 50 && !added.await(100, TimeUnit.MILLISECONDS); i++) {
                if (i == 5) {
                    server.deliver("alice", "INBOX", TestServer.message("pushed"));
                }
            }
            idle.get(5, TimeUnit.SECONDS);
            assertThat(added.getCount()).isZero();
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void condstoreModSeqsAndQresync() throws Exception {
        server.deliver("alice", "INBOX", TestServer.message("one"));
        server.deliver("alice", "INBOX", TestServer.message("two"));
        IMAPStore store = (IMAPStore) connect("imap", server.plain(), false);
        try {
            assertThat(store.hasCapability("CONDSTORE")).isTrue();
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE, ResyncData.CONDSTORE);
            long highest = inbox.getHighestModSeq();
            assertThat(highest).isPositive();
            IMAPMessage first = (IMAPMessage) inbox.getMessage(1);
            long before = first.getModSeq();
            first.setFlag(Flags.Flag.FLAGGED, true);
            inbox.close(false);
            inbox.open(Folder.READ_WRITE);
            assertThat(((IMAPMessage) inbox.getMessage(1)).getModSeq()).isGreaterThan(before);
            assertThat(inbox.getHighestModSeq()).isGreaterThan(highest);
            Message[] changed = inbox.getMessagesByUIDChangedSince(1, UIDFolder.LASTUID, highest);
            assertThat(changed).hasSize(1);
            long validity = inbox.getUIDValidity();
            long modSeq = inbox.getHighestModSeq();
            inbox.close(false);

            // QRESYNC: a later session learns what changed and what vanished since modSeq.
            try (UserMailSide other = new UserMailSide(server)) {
                other.expungeFirst();
            }
            List<jakarta.mail.event.MailEvent> events = inbox.open(Folder.READ_WRITE, new ResyncData(validity, modSeq));
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(org.eclipse.angus.mail.imap.MessageVanishedEvent.class));
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    /** Changes a mailbox directly in the store, as another client would. */
    private static final class UserMailSide implements AutoCloseable {
        private final dev.mailwright.core.store.UserMail mail;

        UserMailSide(TestServer server) {
            this.mail = server.store.open("alice");
        }

        void expungeFirst() {
            try (dev.mailwright.core.store.Mailbox box = mail.select(dev.mailwright.core.store.MailboxName.INBOX)) {
                long uid = box.snapshot().messages().get(0).uid();
                box.store(dev.mailwright.core.store.UidSet.of(uid), dev.mailwright.core.store.FlagUpdate.add(
                        dev.mailwright.core.store.Flags.of("\\Deleted")), java.util.OptionalLong.empty());
                box.expunge(java.util.Optional.empty());
            }
        }

        @Override
        public void close() {
            mail.close();
        }
    }
}
