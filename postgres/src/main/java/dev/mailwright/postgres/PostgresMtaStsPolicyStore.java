package dev.mailwright.postgres;

import dev.mailwright.postgres.internal.Database;
import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.StoredPolicy;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTA-STS policy cache (RFC 8461 §5.1) in PostgreSQL, so that a policy one node fetched
 * protects deliveries from every node. Like any cache of it, a failure to read or write is
 * logged and never stops a delivery: the policy is then fetched again.
 */
public final class PostgresMtaStsPolicyStore implements MtaStsPolicyStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresMtaStsPolicyStore.class);
    /** Longest policy kept; RFC 8461 §3.3 lets senders refuse policies over 64 KiB. */
    private static final int MAX_POLICY_CHARS = 64 * 1024;

    private final Database database;

    private PostgresMtaStsPolicyStore(Database database) {
        this.database = database;
    }

    public static PostgresMtaStsPolicyStore open(PostgresDatabase database) {
        return new PostgresMtaStsPolicyStore(database.database);
    }

    @Override
    public Optional<StoredPolicy> load(String domain) {
        String key = checkedDomain(domain);
        try {
            return database.query(c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT policy_id, policy_text, fetched, expires FROM mta_sts_policies WHERE domain = ?")) {
                    p.setString(1, key);
                    try (ResultSet rs = p.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new StoredPolicy(rs.getString(1), rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getObject(4, OffsetDateTime.class).toInstant()));
                    }
                }
            });
        } catch (SQLException | IOException e) {
            log.warn("cannot read the MTA-STS policy of {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void store(String domain, StoredPolicy policy) {
        String key = checkedDomain(domain);
        if (policy.policyText().length() > MAX_POLICY_CHARS) {
            log.warn("not caching the MTA-STS policy of {}: longer than {} characters", key, MAX_POLICY_CHARS);
            return;
        }
        try {
            database.query(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO mta_sts_policies "
                        + "(domain, policy_id, policy_text, fetched, expires) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (domain) DO UPDATE SET policy_id = EXCLUDED.policy_id, "
                        + "policy_text = EXCLUDED.policy_text, fetched = EXCLUDED.fetched, expires = EXCLUDED.expires")) {
                    p.setString(1, key);
                    p.setString(2, policy.id());
                    p.setString(3, policy.policyText());
                    p.setObject(4, OffsetDateTime.ofInstant(policy.fetched(), ZoneOffset.UTC));
                    p.setObject(5, OffsetDateTime.ofInstant(policy.expires(), ZoneOffset.UTC));
                    return p.executeUpdate();
                }
            });
        } catch (SQLException | IOException e) {
            log.warn("cannot store the MTA-STS policy of {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void remove(String domain) {
        String key = checkedDomain(domain);
        try {
            database.query(c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM mta_sts_policies WHERE domain = ?")) {
                    p.setString(1, key);
                    return p.executeUpdate();
                }
            });
        } catch (SQLException | IOException e) {
            log.warn("cannot remove the MTA-STS policy of {}: {}", key, e.getMessage());
        }
    }

    private static String checkedDomain(String domain) {
        if (!domain.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?") || domain.contains("..")) {
            throw new IllegalArgumentException("not a lower-case A-label domain: " + domain);
        }
        return domain;
    }
}
