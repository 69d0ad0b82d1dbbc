package dev.mailwright.postgres;

import dev.mailwright.core.MailAddress;
import dev.mailwright.postgres.internal.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aliases every node shares, in the {@code aliases} table: an alias (a full address, or a bare
 * local part that matches in every local domain) and the addresses it stands for, as in an
 * aliases file. Readers get a copy at most two seconds old, so that looking up recipients does
 * not cost a query each; if the database cannot be read, the last copy stays in service.
 */
public final class PostgresAliases {

    private static final Logger log = LoggerFactory.getLogger(PostgresAliases.class);
    private static final long REFRESH_NANOS = 2_000_000_000L;
    /** Most targets of one alias. */
    public static final int MAX_TARGETS = 1000;

    private final Database database;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Map<String, List<String>> current = Map.of();
    private volatile long loadedAt;
    private volatile boolean loaded;

    PostgresAliases(Database database) {
        this.database = database;
    }

    /** Every alias, lower case, with its targets; at most a couple of seconds old. */
    public Map<String, List<String>> all() {
        long now = System.nanoTime();
        if ((!loaded || now - loadedAt > REFRESH_NANOS) && refreshing.compareAndSet(false, true)) {
            try {
                current = load();
                loaded = true;
            } catch (SQLException | IOException e) {
                log.warn("cannot read aliases, keeping the {} loaded before: {}", current.size(), e.getMessage());
            } finally {
                loadedAt = now;
                refreshing.set(false);
            }
        }
        return current;
    }

    /**
     * Every alias as the database holds it now, for administration.
     *
     * @throws IllegalStateException if the database cannot be read
     */
    public Map<String, List<String>> read() {
        try {
            return load();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading the aliases failed: " + e.getMessage(), e);
        }
    }

    private Map<String, List<String>> load() throws SQLException, IOException {
        return database.query(c -> {
            Map<String, List<String>> map = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT alias, targets FROM aliases")) {
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Array targets = rs.getArray(2);
                        map.put(rs.getString(1), List.of((String[]) targets.getArray()));
                    }
                }
            }
            return Map.copyOf(map);
        });
    }

    /**
     * Makes {@code alias} stand for {@code targets}, replacing what it stood for.
     *
     * @throws IllegalArgumentException naming an alias or target that is not acceptable
     * @throws IllegalStateException if the database cannot be written
     */
    public void set(String alias, List<String> targets) {
        String key = checkAlias(alias);
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw new IllegalArgumentException("an alias needs 1 to " + MAX_TARGETS + " targets");
        }
        List<String> checked = new ArrayList<>(targets.size());
        for (String target : targets) {
            try {
                checked.add(MailAddress.parse(target.strip()).toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alias target '" + target + "' is not an address");
            }
        }
        write("setting an alias", "INSERT INTO aliases (alias, targets) VALUES (?, ?) "
                + "ON CONFLICT (alias) DO UPDATE SET targets = EXCLUDED.targets", key, checked);
    }

    /** Removes an alias; returns whether it existed. */
    public boolean remove(String alias) {
        return write("removing an alias", "DELETE FROM aliases WHERE alias = ?", checkAlias(alias), null) > 0;
    }

    private int write(String what, String sql, String key, List<String> targets) {
        try {
            int changed = database.write(c -> {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setString(1, key);
                    if (targets != null) {
                        p.setArray(2, c.createArrayOf("text", targets.toArray(String[]::new)));
                    }
                    return p.executeUpdate();
                }
            });
            loaded = false;
            return changed;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static String checkAlias(String alias) {
        String key = alias.strip().toLowerCase(Locale.ROOT);
        boolean ok;
        if (key.indexOf('@') >= 0) {
            try {
                MailAddress.parse(key);
                ok = true;
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        } else {
            ok = !key.isEmpty() && key.getBytes(StandardCharsets.UTF_8).length <= MailAddress.MAX_LOCAL_PART_OCTETS
                    && key.chars().noneMatch(ch -> ch <= 0x20 || ch == 0x7f);
        }
        if (!ok) {
            throw new IllegalArgumentException("'" + alias + "' is not an alias: give an address or a local part");
        }
        return key;
    }
}
