package dev.mailwright.smtp.outbound.spi;

/** The queue storage failed: a disk or database error. Delivery code defers and retries later. */
public class QueueException extends RuntimeException {

    public QueueException(String message) {
        super(message);
    }

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
