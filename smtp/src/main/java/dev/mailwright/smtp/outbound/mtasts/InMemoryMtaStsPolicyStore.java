package dev.mailwright.smtp.outbound.mtasts;

import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.StoredPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** MTA-STS policies in memory only, at most {@link FileMtaStsPolicyStore#MEMORY_ENTRIES}; lost on restart. */
public final class InMemoryMtaStsPolicyStore implements MtaStsPolicyStore {

    private final Map<String, StoredPolicy> policies = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredPolicy> eldest) {
            return size() > FileMtaStsPolicyStore.MEMORY_ENTRIES;
        }
    };

    @Override
    public synchronized Optional<StoredPolicy> load(String domain) {
        return Optional.ofNullable(policies.get(domain));
    }

    @Override
    public synchronized void store(String domain, StoredPolicy policy) {
        policies.put(domain, policy);
    }

    @Override
    public synchronized void remove(String domain) {
        policies.remove(domain);
    }
}
