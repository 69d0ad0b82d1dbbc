package dev.mailwright.core.store;

/** A registration that can be cancelled. Cancelling twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    void cancel();

    @Override
    default void close() {
        cancel();
    }
}
