package dev.mailwright.core.store.memory;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.CopyResult;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxListener;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.StoreResult;
import dev.mailwright.core.store.Subscription;
import dev.mailwright.core.store.UidSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** An open mailbox of an {@link InMemoryMailStore}. */
final class InMemoryMailbox implements Mailbox {

    private final AccountData account;
    private final MailboxData data;

    InMemoryMailbox(AccountData account, MailboxData data) {
        this.account = account;
        this.data = data;
    }

    @Override
    public MailboxName name() {
        account.lock.lock();
        try {
            return data.name;
        } finally {
            account.lock.unlock();
        }
    }

    @Override
    public long uidValidity() {
        return data.uidValidity;
    }

    @Override
    public MailboxSnapshot snapshot() {
        return locked(() -> {
            List<MessageInfo> infos = new ArrayList<>(data.messages.size());
            for (MailboxData.Message m : data.messages.values()) {
                infos.add(m.info());
            }
            return new MailboxSnapshot(data.uidValidity, data.uidNext, data.highestModSeq, infos);
        });
    }

    @Override
    public List<MessageInfo> messages(UidSet uids) {
        return locked(() -> {
            List<MessageInfo> found = new ArrayList<>();
            for (MailboxData.Message m : addressed(uids)) {
                found.add(m.info());
            }
            return found;
        });
    }

    @Override
    public MailboxChanges changesSince(long modSeq) {
        return locked(() -> {
            List<MessageInfo> changed = new ArrayList<>();
            for (MailboxData.Message m : data.messages.values()) {
                if (m.info().modSeq() > modSeq) {
                    changed.add(m.info());
                }
            }
            UidSet.Builder vanished = UidSet.builder();
            for (Map.Entry<Long, Long> e : data.tombstones.entrySet()) {
                if (e.getValue() > modSeq) {
                    vanished.add(e.getKey());
                }
            }
            boolean complete = modSeq >= data.tombstonesForgottenUpTo;
            return new MailboxChanges(data.highestModSeq, data.uidNext, changed, vanished.build(), complete);
        });
    }

    @Override
    public MessageContent content(long uid) {
        byte[] bytes = locked(() -> {
            MailboxData.Message m = data.messages.get(uid);
            if (m == null) {
                throw new MailStoreException(MailStoreException.Reason.NO_SUCH_MESSAGE, "no message with UID " + uid);
            }
            return m.bytes();
        });
        return MessageContent.of(bytes);
    }

    @Override
    public StoreResult store(UidSet uids, FlagUpdate update, OptionalLong unchangedSince) {
        boolean[] changedAny = new boolean[1];
        StoreResult result = locked(() -> {
            List<MessageInfo> current = new ArrayList<>();
            UidSet.Builder modified = UidSet.builder();
            for (MailboxData.Message m : addressed(uids)) {
                MessageInfo info = m.info();
                if (unchangedSince.isPresent() && info.modSeq() > unchangedSince.getAsLong()) {
                    modified.add(info.uid());
                    continue;
                }
                Flags next = update.applyTo(info.flags());
                if (!next.equals(info.flags())) {
                    info = info.withFlags(next, data.nextModSeq());
                    data.messages.put(info.uid(), new MailboxData.Message(info, m.bytes()));
                    changedAny[0] = true;
                }
                current.add(info);
            }
            return new StoreResult(current, modified.build());
        });
        if (changedAny[0]) {
            Notifier.notify(data);
        }
        return result;
    }

    @Override
    public CopyResult copy(UidSet uids, MailboxName target) {
        return transfer(uids, target, false);
    }

    @Override
    public CopyResult move(UidSet uids, MailboxName target) {
        return transfer(uids, target, true);
    }

    private CopyResult transfer(UidSet uids, MailboxName targetName, boolean move) {
        MailboxData[] target = new MailboxData[1];
        CopyResult result = locked(() -> {
            MailboxData to = account.mailbox(targetName);
            target[0] = to;
            List<MailboxData.Message> sources = addressed(uids);
            if (!move) {
                long bytes = 0;
                for (MailboxData.Message m : sources) {
                    bytes += m.info().size();
                }
                account.checkQuota(bytes, sources.size());
            }
            List<CopyResult.UidMapping> mapping = new ArrayList<>(sources.size());
            for (MailboxData.Message m : sources) {
                MessageInfo info = m.info();
                long uid = to.uidNext++;
                to.messages.put(uid, new MailboxData.Message(
                        new MessageInfo(uid, info.flags(), to.nextModSeq(), info.internalDate(), info.size()), m.bytes()));
                mapping.add(new CopyResult.UidMapping(info.uid(), uid));
                if (move) {
                    data.messages.remove(info.uid());
                    data.remember(info.uid(), data.nextModSeq());
                } else {
                    account.usedBytes += info.size();
                    account.usedMessages++;
                }
            }
            return new CopyResult(to.uidValidity, mapping);
        });
        if (!result.mapping().isEmpty()) {
            Notifier.notify(target[0]);
            if (move && target[0] != data) {
                Notifier.notify(data);
            }
        }
        return result;
    }

    @Override
    public UidSet expunge(Optional<UidSet> onlyThese) {
        UidSet removed = locked(() -> {
            UidSet.Builder gone = UidSet.builder();
            List<MailboxData.Message> candidates = onlyThese.isPresent()
                    ? addressed(onlyThese.get())
                    : new ArrayList<>(data.messages.values());
            for (MailboxData.Message m : candidates) {
                if (m.info().flags().contains(Flags.SystemFlag.DELETED)) {
                    data.messages.remove(m.info().uid());
                    data.remember(m.info().uid(), data.nextModSeq());
                    account.usedBytes -= m.info().size();
                    account.usedMessages--;
                    gone.add(m.info().uid());
                }
            }
            return gone.build();
        });
        if (!removed.isEmpty()) {
            Notifier.notify(data);
        }
        return removed;
    }

    @Override
    public Subscription watch(MailboxListener listener) {
        data.listeners.add(listener);
        return () -> data.listeners.remove(listener);
    }

    @Override
    public void close() {
        // Handles hold nothing of their own; listeners are cancelled by their subscriptions.
    }

    /** The messages that exist among {@code uids}, ascending; call with the lock held. */
    private List<MailboxData.Message> addressed(UidSet uids) {
        List<MailboxData.Message> found = new ArrayList<>();
        if (uids.isEmpty()) {
            return found;
        }
        for (int i = 0; i < uids.rangeCount(); i++) {
            found.addAll(data.messages.subMap(uids.rangeStart(i), true, uids.rangeEnd(i), true).values());
        }
        return found;
    }

    private <T> T locked(Supplier<T> action) {
        account.lock.lock();
        try {
            account.checkAlive();
            if (data.deleted) {
                throw MailStoreException.noSuchMailbox(data.name);
            }
            return action.get();
        } finally {
            account.lock.unlock();
        }
    }
}
