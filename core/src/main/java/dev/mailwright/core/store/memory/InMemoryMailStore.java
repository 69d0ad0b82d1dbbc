package dev.mailwright.core.store.memory;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.UserMail;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail store in the heap. Everything a durable store does except survive a restart:
 * UIDs, MODSEQs, flags, quota and change events behave the same, so engines can be tested
 * against it. Each account has one lock; operations on different accounts run in parallel.
 */
public final class InMemoryMailStore implements MailStore {

    private final ConcurrentMap<String, AccountData> accounts = new ConcurrentHashMap<>();
    private final QuotaPolicy quotaPolicy;
    /** UIDVALIDITY values come from one counter, so a re-created mailbox never repeats one. */
    private final AtomicLong uidValidity = new AtomicLong(System.currentTimeMillis() / 1000);

    public InMemoryMailStore() {
        this(QuotaPolicy.UNLIMITED);
    }

    public InMemoryMailStore(QuotaPolicy quotaPolicy) {
        this.quotaPolicy = Objects.requireNonNull(quotaPolicy, "quotaPolicy");
    }

    @Override
    public UserMail open(String account) {
        AccountData data = accounts.get(account);
        if (data == null) {
            throw MailStoreException.noSuchAccount(account);
        }
        return new InMemoryUserMail(data);
    }

    @Override
    public boolean exists(String account) {
        return accounts.containsKey(account);
    }

    @Override
    public void createAccount(String account) {
        if (account == null || account.isBlank() || account.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new MailStoreException(MailStoreException.Reason.INVALID_NAME, "invalid account name");
        }
        AccountData data = new AccountData(account, quotaPolicy.limitsFor(account), uidValidity::incrementAndGet);
        if (accounts.putIfAbsent(account, data) != null) {
            throw new MailStoreException(MailStoreException.Reason.ACCOUNT_EXISTS, "account already exists: " + account);
        }
    }

    @Override
    public void deleteAccount(String account) {
        AccountData removed = accounts.remove(account);
        if (removed == null) {
            throw MailStoreException.noSuchAccount(account);
        }
        removed.deleteAll();
    }

    @Override
    public List<String> accounts() {
        List<String> names = new ArrayList<>(accounts.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public void close() {
        // Nothing to release: the heap holds everything.
    }
}
