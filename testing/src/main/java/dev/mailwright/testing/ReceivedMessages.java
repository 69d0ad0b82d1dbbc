package dev.mailwright.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** The messages a server accepted, in order, with waiting for more. Thread-safe. */
final class ReceivedMessages {

    private final int capacity;
    private final List<ReceivedMessage> messages = new ArrayList<>();

    ReceivedMessages(int capacity) {
        this.capacity = capacity;
    }

    /** @return false if the log is full */
    synchronized boolean add(ReceivedMessage message) {
        if (messages.size() >= capacity) {
            return false;
        }
        messages.add(message);
        notifyAll();
        return true;
    }

    synchronized boolean isFull() {
        return messages.size() >= capacity;
    }

    synchronized List<ReceivedMessage> all() {
        return List.copyOf(messages);
    }

    List<ReceivedMessage> matching(Predicate<ReceivedMessage> filter) {
        return all().stream().filter(filter).toList();
    }

    synchronized void clear() {
        messages.clear();
    }

    /**
     * Waits until at least {@code count} messages match {@code filter}.
     *
     * @param what the messages waited for, for the failure message, e.g. "messages for a@b"
     * @return every matching message, at least {@code count}
     * @throws AssertionError naming what did arrive, if the time runs out
     */
    List<ReceivedMessage> await(Predicate<ReceivedMessage> filter, int count, Duration timeout, String what) {
        Objects.requireNonNull(timeout, "timeout");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                List<ReceivedMessage> found = messages.stream().filter(filter).toList();
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure(found, count, timeout, what));
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + count + " " + what, e);
                }
            }
        }
    }

    /** Called with the lock held. */
    private String failure(List<ReceivedMessage> found, int count, Duration timeout, String what) {
        StringBuilder text = new StringBuilder()
                .append("expected ").append(count).append(' ').append(what).append(" within ").append(timeout)
                .append(", but ").append(found.size()).append(" arrived");
        if (messages.isEmpty()) {
            return text.append("; the server received no message at all").toString();
        }
        text.append("; the server received ").append(messages.size()).append(':');
        for (ReceivedMessage m : messages) {
            text.append("\n  - ").append(m);
        }
        return text.toString();
    }
}
