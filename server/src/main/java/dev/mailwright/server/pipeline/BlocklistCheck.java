package dev.mailwright.server.pipeline;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.ReverseMap;

/**
 * DNS block lists (RFC 5782): the client's address, reversed, under each list's zone;
 * an answer in 127.0.0.0/8 means listed. Each listing adds the list's score. A list that
 * cannot be reached scores nothing: an outage of a block list must not stop mail.
 */
public final class BlocklistCheck {

    /** One list and the score a listing adds. */
    public record Blocklist(String zone, int score) {}

    /** The total score and the lists that listed the address. */
    public record Score(int total, List<String> listedBy) {}

    private final DnsResolver dns;
    private final List<Blocklist> lists;

    public BlocklistCheck(DnsResolver dns, List<Blocklist> lists) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.lists = List.copyOf(lists);
    }

    public Score score(InetAddress client) {
        if (lists.isEmpty() || client.isLoopbackAddress() || client.isSiteLocalAddress() || client.isLinkLocalAddress()) {
            return new Score(0, List.of());
        }
        String reversed = reversed(client);
        int total = 0;
        List<String> listedBy = new ArrayList<>();
        for (Blocklist list : lists) {
            DnsResult<Inet4Address> answer = dns.a(reversed + "." + list.zone());
            if (answer.isSuccess() && answer.records().stream().anyMatch(a -> (a.getAddress()[0] & 0xFF) == 127)) {
                total += list.score();
                listedBy.add(list.zone());
            }
        }
        return new Score(total, List.copyOf(listedBy));
    }

    /** {@code 192.0.2.1} as {@code 1.2.0.192}; IPv6 as 32 reversed nibbles (RFC 5782 §2.4). */
    static String reversed(InetAddress address) {
        String name = ReverseMap.fromAddress(address).toString(true);
        return name.substring(0, name.length() - (address.getAddress().length == 4 ? ".in-addr.arpa" : ".ip6.arpa").length());
    }
}
