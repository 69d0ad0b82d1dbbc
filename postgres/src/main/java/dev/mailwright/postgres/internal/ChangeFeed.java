package dev.mailwright.postgres.internal;

import dev.mailwright.core.store.MailboxListener;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.Subscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change events between nodes. Every write transaction sends {@code NOTIFY} with the ids of
 * the mailboxes it changed; PostgreSQL delivers it at commit to every listening session. One
 * connection per node, outside the pool, listens, and one daemon thread wakes the local
 * watchers of those mailboxes. Writes made on this node also wake watchers directly after
 * commit, so local listeners hear of a change at once even while the listening connection
 * is down. After a reconnect every watcher is woken, since changes may have been missed.
 *
 * <p>The thread and its connection start with the first watcher, which waits (a few seconds
 * at most) until the node listens, so that a change made elsewhere right after {@link #watch}
 * returns is heard.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int POLL_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long FIRST_LISTEN_WAIT_MILLIS = 5_000;

    private record Watcher(Supplier<MailboxName> name, MailboxListener listener) {}

    private final Database database;
    private final Map<Long, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    private final CountDownLatch listening = new CountDownLatch(1);

    public ChangeFeed(Database database) {
        this.database = database;
    }

    /** Calls {@code listener} after every change to mailbox {@code mailboxId}, made on any node. */
    public Subscription watch(long mailboxId, Supplier<MailboxName> name, MailboxListener listener) {
        Watcher watcher = new Watcher(name, listener);
        watchers.computeIfAbsent(mailboxId, id -> new CopyOnWriteArraySet<>()).add(watcher);
        start();
        try {
            if (!listening.await(FIRST_LISTEN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("not yet listening for changes from other nodes; watchers are woken once connected");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> watchers.computeIfPresent(mailboxId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    /** Wakes the local watchers of a mailbox this node changed; call after commit. */
    public void changed(long mailboxId) {
        Set<Watcher> set = watchers.get(mailboxId);
        if (set != null) {
            for (Watcher w : set) {
                wake(w);
            }
        }
    }

    private static void wake(Watcher w) {
        try {
            w.listener().mailboxChanged(w.name().get());
        } catch (RuntimeException e) {
            // One broken listener must not keep the others from hearing.
            log.warn("mailbox listener failed", e);
        }
    }

    private void start() {
        synchronized (lifecycle) {
            if (thread != null || closed) {
                return;
            }
            thread = new Thread(this::run, "mailwright-postgres-notify");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        long backoff = 250;
        boolean reported = false;
        while (!closed) {
            try (Connection c = database.openUnpooled()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + database.channel().replace("\"", "\"\"") + "\"");
                }
                if (reported) {
                    log.info("listening for mailbox changes again");
                    reported = false;
                }
                backoff = 250;
                if (listening.getCount() == 0) {
                    // Whatever happened while no one listened is found by the watchers' next look.
                    watchers.values().forEach(set -> set.forEach(ChangeFeed::wake));
                }
                listening.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                if (listening.getCount() > 0) {
                    // The first watchers waited for this connection: they are woken once it exists.
                    listening.countDown();
                }
                if (!reported) {
                    log.warn("lost the connection that hears mailbox changes from other nodes ({}); reconnecting",
                            e.getMessage());
                    reported = true;
                }
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } finally {
                connection = null;
            }
        }
    }

    private void dispatch(String payload) {
        for (String part : payload.split(",")) {
            try {
                changed(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                log.debug("ignoring notification {}", payload);
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Connection c = connection;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    log.debug("closing the listening connection: {}", e.getMessage());
                }
            }
        }
        watchers.clear();
    }
}
