package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailboxListener;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the listeners of a watched folder when another program changes it: a delivery
 * into {@code new/}, a rename or deletion in {@code cur/}, another Mailwright process
 * appending to the folder's log. One daemon thread per store, only while some folder has
 * listeners; at most {@link #MAX_FOLDERS} folders are watched (kernel watches are a
 * limited resource), others still see outside changes at their next sync.
 */
final class FolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);
    static final int MAX_FOLDERS = 1000;
    /** Events that come in a burst (a delivery is a create and a rename) wake listeners once. */
    private static final long COALESCE_MILLIS = 20;

    private record Watched(Folder folder, boolean logOnly) {}

    private final Object guard = new Object();
    private final Map<WatchKey, Watched> keys = new HashMap<>();
    private final Map<Folder, List<WatchKey>> byFolder = new IdentityHashMap<>();
    private WatchService service;
    private Thread thread;
    private boolean closed;
    private boolean unavailable;

    /** Starts watching a folder's directories, if not yet watched and the limits allow. */
    void watch(Folder folder) {
        synchronized (guard) {
            if (closed || unavailable || byFolder.containsKey(folder) || byFolder.size() >= MAX_FOLDERS) {
                return;
            }
            try {
                if (service == null) {
                    service = FileSystems.getDefault().newWatchService();
                    WatchService watching = service;
                    thread = new Thread(() -> loop(watching), "mailwright-maildir-watch");
                    thread.setDaemon(true);
                    thread.start();
                }
                List<WatchKey> registered = new ArrayList<>(3);
                registered.add(register(folder.dir(), new Watched(folder, true)));
                registered.add(register(folder.newDir(), new Watched(folder, false)));
                registered.add(register(folder.cur(), new Watched(folder, false)));
                byFolder.put(folder, registered);
            } catch (IOException | UnsupportedOperationException e) {
                // Out of kernel watches, or no watch support: changes are still found when a session syncs.
                log.warn("cannot watch mailbox {} for outside changes: {}", folder.name, e.toString());
                if (e instanceof UnsupportedOperationException) {
                    unavailable = true;
                }
            }
        }
    }

    private WatchKey register(Path directory, Watched watched) throws IOException {
        WatchKey key = directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        keys.put(key, watched);
        return key;
    }

    /** Stops watching a folder (no listeners left, or the folder is gone). */
    void unwatch(Folder folder) {
        synchronized (guard) {
            List<WatchKey> registered = byFolder.remove(folder);
            if (registered != null) {
                for (WatchKey key : registered) {
                    key.cancel();
                    keys.remove(key);
                }
            }
        }
    }

    private void loop(WatchService watching) {
        // Folders woken a moment ago are woken once more when their directories have been quiet
        // long enough for a sync to trust a listing (a deletion is confirmed only then).
        Map<Folder, Long> again = new IdentityHashMap<>();
        try {
            while (true) {
                long now = System.nanoTime();
                long wait = again.values().stream().mapToLong(at -> at - now).min().orElse(TimeUnit.SECONDS.toNanos(60));
                WatchKey key = watching.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
                Set<Folder> woken = new LinkedHashSet<>();
                if (key != null) {
                    collect(key, woken);
                    TimeUnit.MILLISECONDS.sleep(COALESCE_MILLIS);
                    for (WatchKey more = watching.poll(); more != null; more = watching.poll()) {
                        collect(more, woken);
                    }
                }
                long later = System.nanoTime();
                again.entrySet().removeIf(e -> {
                    if (e.getValue() <= later && !woken.contains(e.getKey())) {
                        notifyListeners(e.getKey());
                        return true;
                    }
                    return e.getValue() <= later;
                });
                for (Folder folder : woken) {
                    notifyListeners(folder);
                    again.put(folder, later + DirectoryStamps.QUIET_NANOS + TimeUnit.MILLISECONDS.toNanos(100));
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // The store was closed.
        }
    }

    private void collect(WatchKey key, Set<Folder> woken) {
        Watched watched;
        synchronized (guard) {
            watched = keys.get(key);
        }
        List<WatchEvent<?>> events = key.pollEvents();
        key.reset();
        if (watched == null) {
            return;
        }
        for (WatchEvent<?> event : events) {
            boolean relevant = !watched.logOnly() || event.kind() == StandardWatchEventKinds.OVERFLOW
                    || event.context() instanceof Path p && p.toString().equals(FolderLog.FILE);
            if (relevant) {
                woken.add(watched.folder());
                return;
            }
        }
    }

    /** Calls a folder's listeners; one failing listener does not keep the others from hearing. */
    static void notifyListeners(Folder folder) {
        for (MailboxListener listener : folder.listeners) {
            try {
                listener.mailboxChanged(folder.name);
            } catch (RuntimeException e) {
                log.warn("mailbox listener failed for {}", folder.name, e);
            }
        }
    }

    @Override
    public void close() {
        Thread stopping;
        synchronized (guard) {
            closed = true;
            stopping = thread;
            try {
                if (service != null) {
                    service.close();
                }
            } catch (IOException e) {
                log.debug("closing the watch service failed", e);
            }
            keys.clear();
            byFolder.clear();
        }
        if (stopping != null) {
            try {
                stopping.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
