package dev.mailwright.core.store.memory;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.AppendResult;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxStatus;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.Quota;
import dev.mailwright.core.store.SpecialUse;
import dev.mailwright.core.store.UserMail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** A handle on one account of an {@link InMemoryMailStore}. */
final class InMemoryUserMail implements UserMail {

    private final AccountData data;

    InMemoryUserMail(AccountData data) {
        this.data = data;
    }

    @Override
    public String account() {
        return data.account;
    }

    @Override
    public List<MailboxInfo> mailboxes() {
        return locked(() -> {
            data.checkAlive();
            List<MailboxInfo> list = new ArrayList<>(data.mailboxes.size());
            for (MailboxData m : data.mailboxes.values()) {
                list.add(new MailboxInfo(m.name, m.specialUse));
            }
            return list;
        });
    }

    @Override
    public void create(MailboxName name, Set<SpecialUse> specialUse) {
        locked(() -> {
            data.create(name, specialUse);
            return null;
        });
    }

    @Override
    public void delete(MailboxName name) {
        MailboxData gone = locked(() -> data.delete(name));
        Notifier.notify(gone);
    }

    @Override
    public void rename(MailboxName from, MailboxName to) {
        MailboxData inbox = locked(() -> {
            data.rename(from, to);
            return from.isInbox() ? data.mailboxes.get(MailboxName.INBOX) : null;
        });
        Notifier.notify(inbox);
    }

    @Override
    public List<MailboxName> subscriptions() {
        return locked(() -> List.copyOf(data.subscriptions));
    }

    @Override
    public void subscribe(MailboxName name, boolean subscribed) {
        locked(() -> {
            data.checkAlive();
            if (subscribed) {
                data.subscriptions.add(name);
            } else {
                data.subscriptions.remove(name);
            }
            return null;
        });
    }

    @Override
    public MailboxStatus status(MailboxName name) {
        return locked(() -> {
            MailboxData m = data.mailbox(name);
            long unseen = 0;
            long deleted = 0;
            long size = 0;
            for (MailboxData.Message message : m.messages.values()) {
                Flags flags = message.info().flags();
                unseen += flags.contains(Flags.SystemFlag.SEEN) ? 0 : 1;
                deleted += flags.contains(Flags.SystemFlag.DELETED) ? 1 : 0;
                size += message.info().size();
            }
            return new MailboxStatus(m.messages.size(), unseen, m.uidNext, m.uidValidity, m.highestModSeq, size, deleted);
        });
    }

    @Override
    public AppendResult append(MailboxName name, MessageContent content, Flags flags, Instant internalDate) {
        // Read the bytes before taking the lock: the content may be a file.
        byte[] bytes = content.toByteArray();
        MailboxData[] target = new MailboxData[1];
        AppendResult result = locked(() -> {
            MailboxData m = data.mailbox(name);
            target[0] = m;
            data.checkQuota(bytes.length, 1);
            long uid = m.uidNext++;
            long modSeq = m.nextModSeq();
            m.messages.put(uid, new MailboxData.Message(new MessageInfo(uid, flags, modSeq, internalDate, bytes.length), bytes));
            data.usedBytes += bytes.length;
            data.usedMessages++;
            return new AppendResult(m.uidValidity, uid, modSeq);
        });
        Notifier.notify(target[0]);
        return result;
    }

    @Override
    public Mailbox select(MailboxName name) {
        MailboxData m = locked(() -> data.mailbox(name));
        return new InMemoryMailbox(data, m);
    }

    @Override
    public Quota quota() {
        return locked(() -> new Quota(data.usedBytes, data.usedMessages, data.limits.bytes(), data.limits.messages()));
    }

    @Override
    public void close() {
        // Handles hold nothing of their own.
    }

    private <T> T locked(Supplier<T> action) {
        data.lock.lock();
        try {
            return action.get();
        } finally {
            data.lock.unlock();
        }
    }
}
