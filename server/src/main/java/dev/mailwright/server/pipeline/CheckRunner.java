package dev.mailwright.server.pipeline;

import dev.mailwright.smtp.spi.SmtpException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the DNS-bound inbound checks (SPF, DKIM, DMARC, reverse DNS, block lists) on their
 * own bounded pool with a time budget, so that slow or silent name servers cost a 451
 * instead of holding the connection workers: a server whose DNS stalls keeps greeting
 * clients and serving the ones that need no lookups.
 */
public final class CheckRunner implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final Duration budget;

    /**
     * @param threads checks that may run at once
     * @param budget how long one round of checks may take before the client is told to retry
     */
    public CheckRunner(int threads, Duration budget) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4), r -> {
            Thread t = new Thread(r, "checks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.budget = budget;
    }

    /**
     * Runs {@code checks} and returns their result; refusals they throw pass through.
     *
     * @throws SmtpException 451 when they take longer than the budget or too many wait
     */
    public <T> T run(Callable<T> checks) {
        Future<T> future;
        try {
            future = pool.submit(checks);
        } catch (RejectedExecutionException e) {
            throw new SmtpException(451, "4.3.2", "too busy to check your mail now, try again later");
        }
        try {
            return future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SmtpException(451, "4.4.3", "checks of your mail took too long (DNS), try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new SmtpException(451, "4.3.0", "interrupted, try again later");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
