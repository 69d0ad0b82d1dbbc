package dev.mailwright.core.user;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users held in memory: for tests and for hosts that keep accounts elsewhere and load them at
 * start. Thread-safe; nothing survives the process.
 *
 * <p>Construction computes one hash (the dummy that hides unknown users), so with the default
 * parameters it takes a few tens of milliseconds; test suites may pass a cheaper
 * {@link PasswordHasher}.
 */
public final class InMemoryUserDirectory implements ManagedUserDirectory {

    private final ConcurrentHashMap<String, String> hashes = new ConcurrentHashMap<>();
    private final PasswordHasher hasher;
    private final PasswordCheck check;

    /** An empty directory hashing with {@link PasswordHasher#defaults()}. */
    public InMemoryUserDirectory() {
        this(PasswordHasher.defaults());
    }

    public InMemoryUserDirectory(PasswordHasher hasher) {
        this(hasher, PasswordCheck.using(hasher));
    }

    InMemoryUserDirectory(PasswordHasher hasher, PasswordCheck check) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.check = check;
    }

    @Override
    public Optional<String> authenticate(String username, String password) {
        return Accounts.authenticate(username, password, hashes::get, check);
    }

    @Override
    public boolean exists(String username) {
        return Accounts.exists(username, hashes::containsKey);
    }

    @Override
    public Optional<String> accountFor(String localPart, String domain) {
        return Accounts.accountFor(localPart, domain, hashes::containsKey);
    }

    @Override
    public void create(String username, String password) {
        String name = Usernames.normalize(username);
        if (hashes.containsKey(name)) {
            throw Accounts.alreadyExists(name);
        }
        if (hashes.putIfAbsent(name, Accounts.newHash(hasher, password)) != null) {
            throw Accounts.alreadyExists(name);
        }
    }

    @Override
    public void setPassword(String username, String password) {
        String name = Usernames.normalize(username);
        if (!hashes.containsKey(name)) {
            throw Accounts.noSuchUser(name);
        }
        if (hashes.replace(name, Accounts.newHash(hasher, password)) == null) {
            throw Accounts.noSuchUser(name);
        }
    }

    @Override
    public void remove(String username) {
        String name = Usernames.normalize(username);
        if (hashes.remove(name) == null) {
            throw Accounts.noSuchUser(name);
        }
    }

    @Override
    public List<String> list() {
        List<String> names = new ArrayList<>(hashes.keySet());
        Collections.sort(names);
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "InMemoryUserDirectory[" + hashes.size() + " users]";
    }
}
