package dev.mailwright.core.dns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Records indexed by owner name and type, answering one question the way an authoritative server
 * would. Everything held is one closed namespace: a name exists if it owns records or lies above a
 * name that does (an empty non-terminal, RFC 8020), and every other name does not exist, unless a
 * wildcard covers it (RFC 4592). Delegations (NS below an apex) are not treated as zone cuts.
 */
final class ZoneIndex {

    private static final Name WILDCARD_LABEL = Name.fromConstantString("*");

    private final Map<Name, Map<Integer, List<Record>>> nodes;
    private final Set<Name> existing;

    ZoneIndex(List<Record> records) {
        Map<Name, Map<Integer, List<Record>>> byName = new HashMap<>();
        for (Record record : records) {
            List<Record> rrset = byName.computeIfAbsent(record.getName(), n -> new LinkedHashMap<>())
                    .computeIfAbsent(record.getType(), t -> new ArrayList<>(1));
            if (!rrset.contains(record)) {
                rrset.add(record);
            }
        }
        Set<Name> names = new HashSet<>();
        for (Map.Entry<Name, Map<Integer, List<Record>>> node : byName.entrySet()) {
            checkCname(node.getKey(), node.getValue());
            Name name = node.getKey();
            while (names.add(name) && name.labels() > 1) {
                name = new Name(name, 1);
            }
        }
        this.nodes = byName;
        this.existing = names;
    }

    /** RFC 1034 §3.6.2 and RFC 2181 §10.1: a CNAME stands alone, apart from DNSSEC records. */
    private static void checkCname(Name name, Map<Integer, List<Record>> node) {
        List<Record> cnames = node.get(Type.CNAME);
        if (cnames == null) {
            return;
        }
        if (cnames.size() > 1) {
            throw new IllegalArgumentException("more than one CNAME at " + name);
        }
        for (int type : node.keySet()) {
            if (type != Type.CNAME && type != Type.RRSIG && type != Type.NSEC && type != Type.NSEC3) {
                throw new IllegalArgumentException("CNAME and other data (" + Type.string(type) + ") at " + name);
            }
        }
    }

    /** The answer an authoritative server holding these records would give. */
    Reply lookup(Name name, int type, boolean authenticated) {
        Map<Integer, List<Record>> node = nodes.get(name);
        boolean synthesized = false;
        if (!existing.contains(name)) {
            Name wildcard = wildcardFor(name);
            if (wildcard == null) {
                return Reply.nxdomain(List.of(), soaFor(name), authenticated);
            }
            node = nodes.get(wildcard);
            synthesized = true;
        }
        if (node == null) {
            // An empty non-terminal, or a wildcard that exists only because names lie below it.
            return Reply.noError(List.of(), soaFor(name), authenticated);
        }
        List<Record> rrset = node.get(type);
        if (rrset == null) {
            rrset = node.get(Type.CNAME);
        }
        if (rrset == null) {
            return Reply.noError(List.of(), soaFor(name), authenticated);
        }
        if (synthesized) {
            List<Record> renamed = new ArrayList<>(rrset.size());
            for (Record record : rrset) {
                renamed.add(record.withName(name));
            }
            rrset = renamed;
        }
        return Reply.noError(rrset, null, authenticated);
    }

    /**
     * The source of synthesis for a name that does not exist (RFC 4592 §3.3.1): the wildcard child
     * of the closest encloser, if that exists. Null means no wildcard applies.
     */
    private Name wildcardFor(Name name) {
        Name encloser = name;
        while (!existing.contains(encloser)) {
            if (encloser.labels() <= 1) {
                return null;
            }
            encloser = new Name(encloser, 1);
        }
        try {
            Name wildcard = Name.concatenate(WILDCARD_LABEL, encloser);
            return existing.contains(wildcard) ? wildcard : null;
        } catch (NameTooLongException e) {
            return null;
        }
    }

    /** The SOA of the closest enclosing apex, for the negative TTL; null if none is held. */
    private SOARecord soaFor(Name name) {
        Name current = name;
        while (true) {
            Map<Integer, List<Record>> node = nodes.get(current);
            if (node != null && node.containsKey(Type.SOA)) {
                return (SOARecord) node.get(Type.SOA).get(0);
            }
            if (current.labels() <= 1) {
                return null;
            }
            current = new Name(current, 1);
        }
    }
}
