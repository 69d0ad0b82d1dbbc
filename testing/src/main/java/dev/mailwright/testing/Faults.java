package dev.mailwright.testing;

import dev.mailwright.smtp.SmtpReply;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults the SMTP listeners inject, for testing how a client copes: refused messages or
 * recipients, slow replies, and a connection lost during DATA. Thread-safe; every setting
 * holds until it is used up, changed, or {@link #reset()} (which {@link TestMailServer#purge()}
 * and {@link TestMailServer#stop()} also do).
 *
 * <pre>{@code
 * mail.faults().rejectNextMessages(2, 451, "4.3.0", "try again later");
 * // the first two messages get 451, the third is accepted
 * }</pre>
 *
 * <p>A server shared by tests running at the same time shares its faults too: give such
 * tests a server each ({@link MailServerExtension#perMethod()}).
 */
public final class Faults {

    /** The longest delay accepted: longer than any client waits for a reply. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(10);

    private final Object lock = new Object();
    private int messageRejections;
    private SmtpReply messageReply;
    private int recipientRejections;
    private SmtpReply recipientReply;
    private int drops;
    private long dropAfterOctets = Long.MAX_VALUE;
    private Duration delay = Duration.ZERO;
    /** Changes on every reset, so that replies waiting out a delay go on at once. */
    private long generation;

    Faults() {
    }

    /**
     * Refuses the next {@code count} messages after their final dot, with this reply; nothing
     * of them is recorded or stored. 0 turns it off.
     *
     * @param code a 4xx (the client should retry) or 5xx (it should give up) reply code
     * @param enhancedStatus the RFC 3463 code, such as {@code 4.3.0}, of the same class
     * @throws IllegalArgumentException for a count below 0 or a reply that is not a valid 4xx/5xx reply
     */
    public Faults rejectNextMessages(int count, int code, String enhancedStatus, String text) {
        SmtpReply reply = failure(count, code, enhancedStatus, text);
        synchronized (lock) {
            messageRejections = count;
            messageReply = reply;
        }
        return this;
    }

    /**
     * Refuses the next {@code count} recipients (RCPT TO) with this reply. 0 turns it off.
     *
     * @throws IllegalArgumentException for a count below 0 or a reply that is not a valid 4xx/5xx reply
     */
    public Faults rejectNextRecipients(int count, int code, String enhancedStatus, String text) {
        SmtpReply reply = failure(count, code, enhancedStatus, text);
        synchronized (lock) {
            recipientRejections = count;
            recipientReply = reply;
        }
        return this;
    }

    /**
     * Drops the connection of the next {@code count} messages after their final dot, with no
     * reply, as a server that crashed would: the client cannot know whether the message
     * arrived (it did not). Takes precedence over {@link #rejectNextMessages}. 0 turns it off.
     */
    public Faults dropConnectionDuringData(int count) {
        return dropConnectionDuringData(count, Long.MAX_VALUE);
    }

    /**
     * Drops the connection of the next {@code count} messages in the middle of their body,
     * once at least {@code afterOctets} of it have arrived: the client is still sending, and
     * its write or its wait for the reply fails. A message shorter than that (or one that
     * arrives in a single block) is dropped after its final dot instead. Nothing of a dropped
     * message is recorded or stored. Takes precedence over {@link #rejectNextMessages}.
     * 0 turns it off.
     *
     * @throws IllegalArgumentException for a negative count or octet count
     */
    public Faults dropConnectionDuringData(int count, long afterOctets) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (afterOctets < 0) {
            throw new IllegalArgumentException("afterOctets must not be negative: " + afterOctets);
        }
        synchronized (lock) {
            drops = count;
            dropAfterOctets = afterOctets;
        }
        return this;
    }

    /**
     * Holds back the greeting and the replies to HELO/EHLO, AUTH, MAIL, RCPT and the end of
     * each message by {@code delay}, until set back to {@link Duration#ZERO}. A client whose
     * read timeout is shorter fails, which is what a test of that timeout wants.
     *
     * @throws IllegalArgumentException for a negative delay or one longer than {@link #MAX_DELAY}
     */
    public Faults delayReplies(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be between zero and " + MAX_DELAY + ": " + delay);
        }
        synchronized (lock) {
            this.delay = delay;
            generation++;
            lock.notifyAll();
        }
        return this;
    }

    /** Clears every fault; replies being delayed go out now. */
    public void reset() {
        synchronized (lock) {
            messageRejections = 0;
            messageReply = null;
            recipientRejections = 0;
            recipientReply = null;
            drops = 0;
            dropAfterOctets = Long.MAX_VALUE;
            delay = Duration.ZERO;
            generation++;
            lock.notifyAll();
        }
    }

    /** Waits out the reply delay, if any; a change of the faults ends the wait early. */
    void delayReply() {
        synchronized (lock) {
            if (delay.isZero()) {
                return;
            }
            long start = generation;
            long deadline = System.nanoTime() + delay.toNanos();
            long left;
            while (generation == start && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    // The server is stopping: answer now.
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Uses up one message drop, if one is armed: the message ended before its drop point. */
    boolean takeDrop() {
        return takeDrop(Long.MAX_VALUE);
    }

    /** Uses up one message drop, if one is armed and {@code octets} of the body reach its point. */
    boolean takeDrop(long octets) {
        synchronized (lock) {
            if (drops == 0 || octets < dropAfterOctets) {
                return false;
            }
            drops--;
            return true;
        }
    }

    /** Uses up one message rejection, if one is armed. */
    Optional<SmtpReply> takeMessageRejection() {
        synchronized (lock) {
            if (messageRejections == 0) {
                return Optional.empty();
            }
            messageRejections--;
            return Optional.of(messageReply);
        }
    }

    /** Uses up one recipient rejection, if one is armed. */
    Optional<SmtpReply> takeRecipientRejection() {
        synchronized (lock) {
            if (recipientRejections == 0) {
                return Optional.empty();
            }
            recipientRejections--;
            return Optional.of(recipientReply);
        }
    }

    private static SmtpReply failure(int count, int code, String enhancedStatus, String text) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply code: " + code);
        }
        Objects.requireNonNull(enhancedStatus, "enhancedStatus");
        Objects.requireNonNull(text, "text");
        return SmtpReply.of(code, enhancedStatus, text);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "Faults[rejectMessages=" + messageRejections + ", rejectRecipients=" + recipientRejections
                    + ", drops=" + drops + (drops > 0 && dropAfterOctets != Long.MAX_VALUE ? " after " + dropAfterOctets + " octets" : "")
                    + ", delay=" + delay + "]";
        }
    }
}
