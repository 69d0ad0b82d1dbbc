package dev.mailwright.core.store.memory;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.SpecialUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/** One account's mailboxes, subscriptions and usage, behind one lock. */
final class AccountData {

    final String account;
    final QuotaPolicy.Limits limits;
    final ReentrantLock lock = new ReentrantLock();
    final TreeMap<MailboxName, MailboxData> mailboxes = new TreeMap<>();
    final TreeSet<MailboxName> subscriptions = new TreeSet<>();
    long usedBytes;
    long usedMessages;
    boolean deleted;
    private final LongSupplier uidValidity;

    AccountData(String account, QuotaPolicy.Limits limits, LongSupplier uidValidity) {
        this.account = account;
        this.limits = limits;
        this.uidValidity = uidValidity;
        mailboxes.put(MailboxName.INBOX, new MailboxData(MailboxName.INBOX, Set.of(), uidValidity.getAsLong()));
    }

    /** The live mailbox with this name; call with the lock held. */
    MailboxData mailbox(MailboxName name) {
        checkAlive();
        MailboxData data = mailboxes.get(name);
        if (data == null) {
            throw MailStoreException.noSuchMailbox(name);
        }
        return data;
    }

    void checkAlive() {
        if (deleted) {
            throw MailStoreException.noSuchAccount(account);
        }
    }

    /** Creates a mailbox (parents too); call with the lock held. */
    void create(MailboxName name, Set<SpecialUse> specialUse) {
        checkAlive();
        if (mailboxes.containsKey(name)) {
            throw MailStoreException.mailboxExists(name);
        }
        for (SpecialUse use : specialUse) {
            for (MailboxData other : mailboxes.values()) {
                if (other.specialUse.contains(use)) {
                    throw new MailStoreException(Reason.CANNOT, use.attribute() + " is already used by " + other.name);
                }
            }
        }
        List<MailboxName> missing = new ArrayList<>();
        for (MailboxName parent = name.parent().orElse(null); parent != null; parent = parent.parent().orElse(null)) {
            if (!mailboxes.containsKey(parent)) {
                missing.add(parent);
            }
        }
        for (MailboxName parent : missing) {
            mailboxes.put(parent, new MailboxData(parent, Set.of(), uidValidity.getAsLong()));
        }
        mailboxes.put(name, new MailboxData(name, specialUse, uidValidity.getAsLong()));
    }

    /** Deletes a mailbox; call with the lock held. Returns it so its listeners can be told. */
    MailboxData delete(MailboxName name) {
        MailboxData data = mailbox(name);
        if (name.isInbox()) {
            throw new MailStoreException(Reason.CANNOT, "INBOX cannot be deleted");
        }
        if (mailboxes.higherKey(name) != null && name.isAncestorOf(mailboxes.higherKey(name))) {
            throw new MailStoreException(Reason.HAS_CHILDREN, "mailbox has children: " + name);
        }
        mailboxes.remove(name);
        data.deleted = true;
        usedBytes -= data.size();
        usedMessages -= data.messages.size();
        return data;
    }

    /** Renames a mailbox and its children; call with the lock held. */
    void rename(MailboxName from, MailboxName to) {
        MailboxData source = mailbox(from);
        if (mailboxes.containsKey(to)) {
            throw MailStoreException.mailboxExists(to);
        }
        if (from.equals(to) || from.isAncestorOf(to)) {
            throw new MailStoreException(Reason.CANNOT, "cannot rename " + from + " to a name below itself");
        }
        if (from.isInbox()) {
            renameInbox(source, to);
            return;
        }
        List<MailboxName> moving = new ArrayList<>();
        moving.add(from);
        for (MailboxName n : mailboxes.tailMap(from, false).keySet()) {
            if (!from.isAncestorOf(n)) {
                break;
            }
            moving.add(n);
        }
        List<MailboxData> moved = new ArrayList<>();
        for (MailboxName n : moving) {
            MailboxData data = mailboxes.remove(n);
            data.name = n.reparent(from, to);
            moved.add(data);
        }
        for (MailboxData data : moved) {
            mailboxes.put(data.name, data);
        }
        for (MailboxName parent = to.parent().orElse(null); parent != null; parent = parent.parent().orElse(null)) {
            mailboxes.computeIfAbsent(parent, p -> new MailboxData(p, Set.of(), uidValidity.getAsLong()));
        }
    }

    /** RFC 3501 §6.3.5: INBOX's messages move to a new mailbox; INBOX stays, empty. */
    private void renameInbox(MailboxData inbox, MailboxName to) {
        create(to, Set.of());
        MailboxData target = mailboxes.get(to);
        for (MailboxData.Message m : inbox.messages.values()) {
            long uid = target.uidNext++;
            MessageInfo info = m.info();
            target.messages.put(uid, new MailboxData.Message(
                    new MessageInfo(uid, info.flags(), target.nextModSeq(), info.internalDate(), info.size()), m.bytes()));
        }
        for (long uid : new ArrayList<>(inbox.messages.keySet())) {
            inbox.messages.remove(uid);
            inbox.remember(uid, inbox.nextModSeq());
        }
    }

    /** Empties the account when it is deleted. */
    void deleteAll() {
        lock.lock();
        try {
            deleted = true;
            for (MailboxData data : mailboxes.values()) {
                data.deleted = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether adding this much stays within the account's limits; call with the lock held. */
    void checkQuota(long bytes, long messages) {
        if (limits.bytes().isPresent() && usedBytes + bytes > limits.bytes().getAsLong()
                || limits.messages().isPresent() && usedMessages + messages > limits.messages().getAsLong()) {
            throw new MailStoreException(Reason.OVER_QUOTA, "quota exceeded for " + account);
        }
    }
}
