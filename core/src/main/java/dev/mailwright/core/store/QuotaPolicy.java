package dev.mailwright.core.store;

import java.util.OptionalLong;

/** The limits a store enforces per account. */
public interface QuotaPolicy {

    /** No limits. */
    QuotaPolicy UNLIMITED = account -> new Limits(OptionalLong.empty(), OptionalLong.empty());

    /** The same byte limit for every account. */
    static QuotaPolicy bytes(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + limit);
        }
        return account -> new Limits(OptionalLong.of(limit), OptionalLong.empty());
    }

    Limits limitsFor(String account);

    /** An account's limits; empty means unlimited. */
    record Limits(OptionalLong bytes, OptionalLong messages) {}
}
