package dev.mailwright.core.store.memory;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreContract;
import dev.mailwright.core.store.QuotaPolicy;

class InMemoryMailStoreTest extends MailStoreContract {

    @Override
    protected MailStore createStore(QuotaPolicy quota) {
        return new InMemoryMailStore(quota);
    }
}
