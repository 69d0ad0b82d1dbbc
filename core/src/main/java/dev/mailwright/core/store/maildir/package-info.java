/**
 * The durable {@link dev.mailwright.core.store.MailStore}: Maildir (the cr.yp.to
 * specification) in the Maildir++ layout, readable by Dovecot and neomutt, with an index
 * that gives IMAP its stable UIDs (RFC 3501 §2.3.1.1), MODSEQs and expunge history
 * (RFC 7162), special-use attributes (RFC 6154) and quota usage (RFC 9208).
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;root&gt;/&lt;account&gt;/                 INBOX; the directory name is the account name folded and escaped
 *     cur/ new/ tmp/                 messages: &lt;time&gt;.M&lt;usec&gt;P&lt;pid&gt;Q&lt;n&gt;R&lt;rand&gt;.&lt;host&gt;,S=&lt;size&gt;,W=&lt;crlf size&gt;:2,&lt;flags&gt;
 *     dovecot-keywords               keyword letters a-z (Dovecot's file and format)
 *     mailwright-uidlist             checkpoint of the index (dovecot-uidlist version 3 style)
 *     mailwright-log                 changes since the checkpoint, one checksummed line each
 *     .Work.Projects/                mailbox Work/Projects; levels in modified UTF-7, '.' written \2e
 *     subscriptions                  Dovecot's version 2 format
 *     mailwright-account             the account name as created
 *     mailwright-uidvalidity         the last UIDVALIDITY given out
 *     mailwright.lock                the lock file (see below)
 * </pre>
 * Flags are the file names' letters: {@code D}raft, {@code F}lagged, {@code R}eplied
 * (\Answered), {@code S}een, {@code T}rashed (\Deleted), and {@code a}–{@code z} for up to 26
 * keywords per folder. The internal date is the file's modification time, as Dovecot reads
 * it. Messages are stored byte for byte as received (CRLF line ends). Folder names are
 * those of Dovecot's default Maildir++ layout with its {@code listescape} plugin, so Dovecot
 * with {@code mail_plugins = listescape} and separator {@code /} shows the same mailboxes.
 *
 * <h2>Durability</h2>
 * A message is written to {@code tmp/}, forced to disk, linked into {@code cur/}, and the
 * directory forced; only then is its UID appended to the folder's log, which is forced
 * before the append is acknowledged. Flag changes rename the file, expunges unlink it, and
 * both are logged the same way afterwards. So after a crash at any instant: a message whose
 * UID was acknowledged is in {@code cur/} and in the log; a file the log does not name yet
 * is found by the next sync and gets a new UID (the unacknowledged one is never handed
 * out); a torn last log line is cut off; leftovers in {@code tmp/} of dead processes are
 * removed. Metadata files are replaced by writing a scratch file and renaming it. The log
 * is compacted into a new checkpoint now and then; a compaction interrupted by a crash is
 * completed by the next writer. An index found damaged is rebuilt with a new UIDVALIDITY,
 * never by guessing old UIDs.
 *
 * <h2>Several processes</h2>
 * Every change to an account's files, and every read of its index, happens while holding
 * an exclusive lock on {@code <account>/mailwright.lock} ({@link java.nio.channels.FileLock},
 * POSIX record locks on Unix); waits are bounded. After taking the lock a process checks
 * the log's identity and size and replays what others appended, so several Mailwright
 * processes (a server and the command line, say) may share a root on one machine. They must
 * not share it over NFS, and a process should open one store per root. Other Maildir
 * programs may deliver into {@code new/}, rename files to change flags and delete them: a
 * sync notices by directory modification times, moves new mail to {@code cur/} and gives it
 * UIDs. (STATUS of a mailbox that no session has open counts deliveries into {@code new/}
 * at once, flag changes and deletions in {@code cur/} once the mailbox is opened.) Other
 * programs must not write Mailwright's index files. Dovecot can read the same
 * directories (it keeps its own UIDs); running Dovecot and Mailwright as writers on one
 * folder at the same time is not supported, because Dovecot's locks are not ours.
 *
 * <h2>Names</h2>
 * Account and mailbox names become single directory names through reversible encodings
 * that never yield {@code .}, {@code ..}, a path separator or a hidden name, and every path
 * is checked to lie directly in its parent. Symbolic links are not followed for account,
 * folder or message files. This protects against names from the network and stray links,
 * not against a local user who can write to the store's directories.
 */
package dev.mailwright.core.store.maildir;
