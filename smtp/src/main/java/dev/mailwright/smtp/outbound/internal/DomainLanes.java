package dev.mailwright.smtp.outbound.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Runs tasks on a shared pool with at most {@code perDomain} running at once for any one
 * destination domain. Tasks beyond the limit wait in their domain's line, not on a thread, and
 * start as earlier ones for the same domain finish (Postfix's per-destination concurrency).
 */
final class DomainLanes {

    private final Executor executor;
    private final int perDomain;
    private final Map<String, Lane> lanes = new HashMap<>();

    DomainLanes(Executor executor, int perDomain) {
        this.executor = executor;
        this.perDomain = perDomain;
    }

    void submit(String domain, Runnable task) {
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(domain, d -> new Lane());
            if (lane.running >= perDomain) {
                lane.waiting.add(task);
                return;
            }
            lane.running++;
        }
        start(domain, task);
    }

    private void start(String domain, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    finished(domain);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down: the task is dropped; its message keeps its lease until released.
            finished(domain);
        }
    }

    private void finished(String domain) {
        Runnable next;
        synchronized (lanes) {
            Lane lane = lanes.get(domain);
            next = lane.waiting.poll();
            if (next == null) {
                lane.running--;
                if (lane.running == 0) {
                    lanes.remove(domain);
                }
                return;
            }
        }
        start(domain, next);
    }

    private static final class Lane {
        int running;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }
}
