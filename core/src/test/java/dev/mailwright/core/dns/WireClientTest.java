package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WireClientTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "192.0.2.53,            192.0.2.53,    53",
        "192.0.2.53:5353,       192.0.2.53,    5353",
        "[2001:db8::53]:5300,   2001:db8::53,  5300",
        "[::1],                 ::1,           53",
        "2001:db8::53,          2001:db8::53,  53",
        "::1,                   ::1,           53",
    })
    void parsesServerAddresses(String input, String host, int port) throws Exception {
        InetSocketAddress address = WireClient.parseServer(input);
        assertThat(address.getAddress()).isEqualTo(InetAddress.getByName(host));
        assertThat(address.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dns.example.org", "dns.example.org:53", "192.0.2.53:0", "192.0.2.53:65536",
        "192.0.2.53:x", "[::1", "[::1]53", "256.0.0.1", "1.2.3", "[dns.example]:53", "1.2.3.4.5"})
    void rejectsAnythingButAddressLiterals(String input) {
        assertThatThrownBy(() -> WireClient.parseServer(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DNS server");
    }

    @Test
    void printsIpv6ServersInBrackets() {
        assertThat(WireClient.hostPort(WireClient.parseServer("[::1]:5300"))).isEqualTo("[0:0:0:0:0:0:0:1]:5300");
        assertThat(WireClient.hostPort(WireClient.parseServer("192.0.2.1"))).isEqualTo("192.0.2.1:53");
    }

    @Test
    void rcodesOtherThanNoErrorAndNxdomainAreFailures() throws Exception {
        for (int rcode : new int[] {Rcode.SERVFAIL, Rcode.REFUSED, Rcode.FORMERR, Rcode.NOTIMP}) {
            Message response = response("example.org.", Type.A);
            response.getHeader().setRcode(rcode);
            Reply reply = WireClient.toReply(response);
            assertThat(reply.kind()).isEqualTo(Reply.Kind.FAILURE);
            assertThat(reply.error()).isEqualTo(Rcode.string(rcode));
        }
        Message nx = response("example.org.", Type.A);
        nx.getHeader().setRcode(Rcode.NXDOMAIN);
        assertThat(WireClient.toReply(nx).kind()).isEqualTo(Reply.Kind.NXDOMAIN);
    }

    @Test
    void readsTheAdBitAndTheSoaOfTheAuthoritySection() throws Exception {
        Message response = response("example.org.", Type.TXT);
        response.getHeader().setFlag(Flags.AD);
        SOARecord soa = new SOARecord(Name.fromString("example.org."), DClass.IN, 3600,
                Name.fromString("ns.example.org."), Name.fromString("hostmaster.example.org."), 1, 2, 3, 4, 120);
        response.addRecord(soa, Section.AUTHORITY);
        Reply reply = WireClient.toReply(response);
        assertThat(reply.authenticated()).isTrue();
        assertThat(reply.soa()).isEqualTo(soa);
        assertThat(reply.negativeTtl()).isEqualTo(120);
    }

    @Test
    void aReferralIsAFailure() throws Exception {
        Message referral = response("www.example.org.", Type.A);
        referral.getHeader().unsetFlag(Flags.RA);
        referral.addRecord(new NSRecord(Name.fromString("example.org."), DClass.IN, 3600,
                Name.fromString("ns.example.net.")), Section.AUTHORITY);
        Reply reply = WireClient.toReply(referral);
        assertThat(reply.kind()).isEqualTo(Reply.Kind.FAILURE);
        assertThat(reply.error()).contains("referral");

        // The same shape from an authoritative server is an ordinary empty answer.
        referral.getHeader().setFlag(Flags.AA);
        assertThat(WireClient.toReply(referral).kind()).isEqualTo(Reply.Kind.NOERROR);
    }

    private static Message response(String name, int type) throws Exception {
        Message response = new Message(1);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(Record.newRecord(Name.fromString(name), type, DClass.IN), Section.QUESTION);
        return response;
    }
}
