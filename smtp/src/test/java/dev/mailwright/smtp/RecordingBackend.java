package dev.mailwright.smtp;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.SmtpBackend;
import dev.mailwright.smtp.spi.DisconnectException;
import dev.mailwright.smtp.spi.SmtpException;
import dev.mailwright.smtp.spi.SmtpSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A backend that accepts recipients at example.com, refuses the rest, and records what it receives. */
final class RecordingBackend implements SmtpBackend {

    /** A message as the session got it. */
    record Received(Envelope envelope, byte[] content, SessionInfo session) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        /** The content without the engine's Received field. */
        String body() {
            String t = text();
            int end = t.indexOf("\r\n", t.indexOf(";\r\n\t") + 3);
            return t.substring(end + 2);
        }
    }

    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final List<SessionInfo> updates = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Function<Envelope, DataResult> dataResult = e -> DataResult.accepted();
    volatile SmtpException refuseConnection;
    /** The octet counts of unfinished messages, as the sessions heard them. */
    final List<Long> progress = new CopyOnWriteArrayList<>();
    /** Drop the connection once this much of a message has arrived. */
    volatile long dropAfterOctets = Long.MAX_VALUE;
    /** messageProgress fails with an unexpected exception. */
    volatile boolean progressFails;

    @Override
    public SmtpSession open(SessionInfo info) {
        if (refuseConnection != null) {
            throw refuseConnection;
        }
        return new SmtpSession() {
            SessionInfo current = info;

            @Override
            public void sessionUpdated(SessionInfo session) {
                current = session;
                updates.add(session);
            }

            @Override
            public void mail(Optional<MailAddress> sender, MailOptions options) {
                calls.add("mail " + sender.map(MailAddress::toString).orElse("<>"));
                if (sender.isPresent() && sender.get().localPart().equals("blocked")) {
                    throw SmtpException.senderRejected("sender blocked");
                }
                if (sender.isPresent() && sender.get().localPart().equals("overloaded")) {
                    throw new SmtpException(421, "4.7.0", "too busy, closing");
                }
                if (sender.isPresent() && sender.get().localPart().equals("crash")) {
                    throw new IllegalStateException("secret internal detail");
                }
            }

            @Override
            public void rcpt(MailAddress recipient, RcptOptions options) {
                calls.add("rcpt " + recipient);
                if (!recipient.domain().equals("example.com")) {
                    throw SmtpException.relayDenied();
                }
                if (recipient.localPart().equals("nobody")) {
                    throw SmtpException.noSuchUser();
                }
                if (recipient.localPart().equals("drop")) {
                    throw new DisconnectException("dropped at RCPT");
                }
            }

            @Override
            public void messageProgress(long octets) {
                progress.add(octets);
                if (progressFails) {
                    throw new IllegalStateException("progress bug");
                }
                if (octets >= dropAfterOctets) {
                    throw new DisconnectException("dropped after " + octets + " octets");
                }
            }

            @Override
            public DataResult data(Envelope envelope, MessageContent content) {
                calls.add("data");
                messages.add(new Received(envelope, content.toByteArray(), current));
                return dataResult.apply(envelope);
            }

            @Override
            public void reset() {
                calls.add("reset");
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
    }

    /** Waits until the session has seen a call (close, for instance, comes after the client is gone). */
    void awaitCall(String call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!calls.contains(call) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** Waits until a session has heard of at least this many octets of an unfinished message. */
    void awaitProgress(long octets) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (progress.stream().noneMatch(p -> p >= octets) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    Received next() throws InterruptedException {
        Received r = messages.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no message arrived");
        }
        return r;
    }
}
