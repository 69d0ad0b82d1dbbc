package dev.mailwright.imap.internal.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The THREAD algorithms of RFC 5256: ORDEREDSUBJECT (§3) and REFERENCES (§4, after
 * Jamie Zawinski's threading), and the {@code thread-list} response syntax.
 */
public final class Threader {

    /** A thread tree node: a message, or a dummy standing for a message not in the mailbox. */
    public static final class Node {
        final SortItem item;
        Node parent;
        final List<Node> children = new ArrayList<>();

        Node(SortItem item) {
            this.item = item;
        }

        boolean isDummy() {
            return item == null;
        }

        /** The date a node sorts by: its message's, or for a dummy its first child's. */
        SortItem representative() {
            Node n = this;
            while (n.item == null && !n.children.isEmpty()) {
                n = n.children.get(0);
            }
            return n.item;
        }
    }

    private static final Comparator<Node> BY_DATE = (a, b) -> {
        SortItem x = a.representative();
        SortItem y = b.representative();
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        int c = x.sent().compareTo(y.sent());
        return c != 0 ? c : Integer.compare(x.seq(), y.seq());
    };

    private Threader() {}

    /** ORDEREDSUBJECT: one thread per base subject, flat below its earliest message. */
    public static List<Node> orderedSubject(List<SortItem> items) {
        Map<String, List<SortItem>> bySubject = new TreeMap<>();
        for (SortItem item : items) {
            bySubject.computeIfAbsent(item.subject(), s -> new ArrayList<>()).add(item);
        }
        List<Node> roots = new ArrayList<>();
        Comparator<SortItem> bySent = Comparator.comparing(SortItem::sent).thenComparingInt(SortItem::seq);
        for (List<SortItem> group : bySubject.values()) {
            group.sort(bySent);
            Node root = new Node(group.get(0));
            for (int i = 1; i < group.size(); i++) {
                Node child = new Node(group.get(i));
                child.parent = root;
                root.children.add(child);
            }
            roots.add(root);
        }
        roots.sort(BY_DATE);
        return roots;
    }

    /** REFERENCES: threads from Message-ID, References and In-Reply-To, merged by subject. */
    public static List<Node> references(List<SortItem> items) {
        Map<String, Node> byId = new HashMap<>();
        for (SortItem item : items) {
            String id = item.messageId();
            Node own = id == null ? null : byId.get(id);
            if (id == null || own != null && !own.isDummy()) {
                id = "<unique-" + item.uid() + "@mailwright.invalid>";
                own = null;
            }
            // Step 1A: chain the references, never making a loop or moving a linked container.
            Node previous = null;
            for (String ref : item.references()) {
                Node container = byId.computeIfAbsent(ref, r -> new Node(null));
                if (previous != null && container.parent == null && container != previous && !isAncestor(container, previous)) {
                    link(previous, container);
                }
                previous = container;
            }
            Node node = new Node(item);
            if (own != null) {
                // A dummy made by an earlier reference becomes this message.
                for (Node child : own.children) {
                    child.parent = node;
                    node.children.add(child);
                }
                if (own.parent != null) {
                    own.parent.children.set(own.parent.children.indexOf(own), node);
                    node.parent = own.parent;
                }
            }
            byId.put(id, node);
            // Step 1B: the last reference is the parent.
            if (node.parent != null) {
                node.parent.children.remove(node);
                node.parent = null;
            }
            if (previous != null && previous != node && !isAncestor(node, previous)) {
                link(previous, node);
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Node n : new LinkedHashMap<>(byId).values()) {
            if (n.parent == null) {
                roots.add(n);
            }
        }
        roots = prune(roots);
        sortTree(roots);
        roots = groupBySubject(roots);
        sortTree(roots);
        return roots;
    }

    private static boolean isAncestor(Node ancestor, Node node) {
        for (Node n = node; n != null; n = n.parent) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static void link(Node parent, Node child) {
        child.parent = parent;
        parent.children.add(child);
    }

    /** Step 4: dummies without children go; other dummies give their children to their parent, except at the root with several children. */
    private static List<Node> prune(List<Node> roots) {
        List<Node> out = new ArrayList<>();
        for (Node root : roots) {
            pruneChildren(root);
            if (root.isDummy()) {
                if (root.children.isEmpty()) {
                    continue;
                }
                if (root.children.size() == 1) {
                    Node only = root.children.get(0);
                    only.parent = null;
                    out.add(only);
                    continue;
                }
            }
            out.add(root);
        }
        return out;
    }

    private static void pruneChildren(Node top) {
        ArrayDeque<Node> work = new ArrayDeque<>();
        work.push(top);
        while (!work.isEmpty()) {
            Node n = work.pop();
            List<Node> kept = new ArrayList<>();
            ArrayDeque<Node> pending = new ArrayDeque<>(n.children);
            while (!pending.isEmpty()) {
                Node c = pending.removeFirst();
                if (c.isDummy()) {
                    // Its children move up one level, in its place.
                    List<Node> grand = c.children;
                    for (int i = grand.size() - 1; i >= 0; i--) {
                        pending.addFirst(grand.get(i));
                    }
                    continue;
                }
                c.parent = n;
                kept.add(c);
                work.push(c);
            }
            n.children.clear();
            n.children.addAll(kept);
        }
    }

    /** Step 6: threads whose roots share a base subject are merged. */
    private static List<Node> groupBySubject(List<Node> roots) {
        Map<String, Node> table = new HashMap<>();
        for (Node root : roots) {
            String subject = subjectOf(root);
            if (subject.isEmpty()) {
                continue;
            }
            Node existing = table.get(subject);
            if (existing == null || root.isDummy() && !existing.isDummy()
                    || !existing.isDummy() && isReply(existing) && !root.isDummy() && !isReply(root)) {
                table.put(subject, root);
            }
        }
        List<Node> out = new ArrayList<>();
        for (Node root : roots) {
            String subject = subjectOf(root);
            Node entry = subject.isEmpty() ? null : table.get(subject);
            if (entry == null || entry == root) {
                out.add(root);
                continue;
            }
            if (entry.isDummy() && root.isDummy()) {
                for (Node c : root.children) {
                    link(entry, c);
                }
            } else if (entry.isDummy()) {
                link(entry, root);
            } else if (!isReply(entry) && isReply(root)) {
                link(entry, root);
            } else {
                Node dummy = new Node(null);
                Node parent = entry.parent;
                if (parent == null) {
                    int at = out.indexOf(entry);
                    if (at >= 0) {
                        out.set(at, dummy);
                    }
                }
                link(dummy, entry);
                link(dummy, root);
                table.put(subject, dummy);
            }
        }
        return out;
    }

    private static String subjectOf(Node n) {
        SortItem item = n.representative();
        return item == null ? "" : item.subject();
    }

    /** Whether the node's message subject had a reply or forward marker. */
    private static boolean isReply(Node n) {
        SortItem item = n.item;
        return item != null && item.subjectWasReply();
    }

    private static void sortTree(List<Node> roots) {
        // Children first, so that a dummy sorts by its earliest child.
        List<Node> all = new ArrayList<>();
        ArrayDeque<Node> walk = new ArrayDeque<>(roots);
        while (!walk.isEmpty()) {
            Node n = walk.pop();
            all.add(n);
            n.children.forEach(walk::push);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).children.sort(BY_DATE);
        }
        roots.sort(BY_DATE);
    }

    /** The thread-list of RFC 5256 §4: "(1 2 (3)(4 5))(6)". */
    public static String render(List<Node> roots, boolean uid) {
        StringBuilder b = new StringBuilder();
        for (Node root : roots) {
            b.append('(');
            render(root, uid, b);
            b.append(')');
        }
        return b.toString();
    }

    private static void render(Node node, boolean uid, StringBuilder b) {
        Node n = node;
        boolean first = true;
        // A chain of single children is written flat; only branches nest.
        while (true) {
            if (!n.isDummy()) {
                if (!first) {
                    b.append(' ');
                }
                b.append(uid ? n.item.uid() : n.item.seq());
                first = false;
            }
            if (n.children.size() == 1 && !n.isDummy()) {
                n = n.children.get(0);
                continue;
            }
            if (n.children.isEmpty()) {
                return;
            }
            if (!first) {
                b.append(' ');
            }
            for (Node c : n.children) {
                b.append('(');
                render(c, uid, b);
                b.append(')');
            }
            return;
        }
    }
}
