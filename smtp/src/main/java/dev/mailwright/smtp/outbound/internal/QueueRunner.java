package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's heartbeat: one scheduler thread claims due messages (at most {@code maxInFlight} at
 * a time) and hands each to a {@link MessageRun}, whose per-domain deliveries run on a bounded pool
 * of delivery threads through {@link DomainLanes}. It sleeps until the next message is due, the
 * poll interval passes, or {@link #wakeUp()} is called (on enqueue and flush).
 */
public final class QueueRunner {

    private static final Logger log = LoggerFactory.getLogger(QueueRunner.class);

    private final QueueStorage storage;
    private final MessageRun.Context context;
    private final Clock clock;
    private final int maxInFlight;
    private final Duration pollInterval;
    private final Duration leaseTime;
    private final String owner;
    private final ExecutorService pool;
    private final DomainLanes lanes;
    private final Map<String, MessageRun> inFlight = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean wakeRequested;
    private volatile boolean running;
    private Thread scheduler;

    public QueueRunner(QueueStorage storage, MessageRun.Context context, Clock clock, int threads, int perDomain,
                       int maxInFlight, Duration pollInterval, Duration leaseTime, String owner) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxInFlight = maxInFlight;
        this.pollInterval = pollInterval;
        this.leaseTime = leaseTime;
        this.owner = owner;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "mailwright-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.lanes = new DomainLanes(pool, perDomain);
    }

    /** Starts the scheduler thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        scheduler = new Thread(this::loop, "mailwright-queue");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /**
     * Stops claiming, waits up to {@code grace} for running deliveries, and gives the leases of
     * unfinished ones back so that the next start resumes them at once.
     */
    public void stop(Duration grace) {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = scheduler;
        }
        wakeUp();
        try {
            thread.join(Math.max(1, grace.toMillis()));
            pool.shutdown();
            if (!pool.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                // Whatever these runs come to from now on is not written back: their messages are
                // released below and delivered again by the next start (at least once, never lost).
                inFlight.values().forEach(MessageRun::abandon);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.values().forEach(MessageRun::abandon);
            pool.shutdownNow();
        }
        for (MessageRun run : inFlight.values()) {
            run.abandon();
            try {
                storage.release(run.id(), owner);
            } catch (QueueException e) {
                log.warn("cannot release queue message {}: {}", run.id(), e.getMessage());
            }
        }
        inFlight.clear();
    }

    /** Ends the current sleep so that due messages are claimed now. */
    public void wakeUp() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many messages are being delivered now. */
    public int inFlight() {
        return inFlight.size();
    }

    private void loop() {
        while (running) {
            try {
                renewLeases();
                claimAndDispatch();
            } catch (RuntimeException e) {
                log.error("queue scheduler error; retrying after the poll interval", e);
            }
            sleep();
        }
    }

    /**
     * Keeps the leases of long deliveries (slow servers, many domains) from running out, which
     * would let another deliverer claim the same message; renewed once a third of the lease is used.
     */
    private void renewLeases() {
        Instant now = clock.instant();
        for (MessageRun run : inFlight.values()) {
            if (!now.isBefore(run.leaseRenewalDue())) {
                Instant expires = now.plus(leaseTime);
                if (storage.renew(run.id(), owner, expires)) {
                    run.leaseRenewed(now, leaseTime);
                } else {
                    log.warn("lease on queue message {} lost; its outcome will not be recorded", run.id());
                    run.abandon();
                }
            }
        }
    }

    private void claimAndDispatch() {
        int room = maxInFlight - inFlight.size();
        if (room <= 0) {
            return;
        }
        Instant now = clock.instant();
        for (QueuedMessage message : storage.claim(owner, now, leaseTime, room)) {
            MessageRun run = new MessageRun(message, context, owner, lanes, this::finished);
            run.leaseRenewed(now, leaseTime);
            inFlight.put(message.id(), run);
            run.start();
        }
    }

    private void finished(MessageRun run) {
        inFlight.remove(run.id());
        wakeUp();
    }

    private void sleep() {
        lock.lock();
        try {
            if (wakeRequested || !running) {
                wakeRequested = false;
                return;
            }
            Duration wait = pollInterval.compareTo(leaseTime.dividedBy(3)) < 0 ? pollInterval : leaseTime.dividedBy(3);
            if (inFlight.size() < maxInFlight) {
                var next = storage.nextDue();
                if (next.isPresent()) {
                    Duration untilDue = Duration.between(clock.instant(), next.get());
                    if (untilDue.compareTo(wait) < 0) {
                        wait = untilDue;
                    }
                }
            }
            if (!wait.isNegative() && !wait.isZero()) {
                wake.await(wait.toMillis() + 1, TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (QueueException e) {
            log.warn("queue storage error: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** For the enqueue path: hands the content to storage durably. */
    public QueuedMessage enqueue(Envelope envelope, MessageContent content) {
        QueuedMessage queued = storage.enqueue(envelope, content, clock.instant());
        wakeUp();
        return queued;
    }
}
