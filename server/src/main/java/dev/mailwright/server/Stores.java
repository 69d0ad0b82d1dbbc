package dev.mailwright.server;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.maildir.MaildirMailStore;
import dev.mailwright.server.config.ConfigException;
import java.util.List;

/** The default mail store: Maildir under the data directory. */
final class Stores {

    private Stores() {}

    static MailStore maildir(DataLayout layout, QuotaPolicy quota, List<AutoCloseable> owned) {
        try {
            MailStore store = MaildirMailStore.builder().root(layout.mailDir()).quota(quota).build();
            owned.add(store);
            return store;
        } catch (RuntimeException e) {
            throw new ConfigException("data-dir: cannot open the mail store in " + layout.mailDir() + ": " + e.getMessage());
        }
    }
}
