package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SessionInfoTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("192.0.2.10", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 25);

    @Test
    void newConnectionKnowsNothingYet() {
        SessionInfo info = SessionInfo.newConnection("s1", REMOTE, LOCAL);

        assertThat(info.id()).isEqualTo("s1");
        assertThat(info.remote()).isEqualTo(REMOTE);
        assertThat(info.local()).isEqualTo(LOCAL);
        assertThat(info.heloName()).isEmpty();
        assertThat(info.tls()).isEmpty();
        assertThat(info.authenticatedUser()).isEmpty();
        assertThat(info.isTls()).isFalse();
        assertThat(info.isAuthenticated()).isFalse();
    }

    @Test
    void eachStepMakesANewValue() {
        SessionInfo connected = SessionInfo.newConnection("s1", REMOTE, LOCAL);
        TlsInfo tls = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256");
        SessionInfo done = connected.withHelo("client.example").withTls(tls).withAuthenticatedUser("alice");

        assertThat(done.heloName()).contains("client.example");
        assertThat(done.tls()).contains(tls);
        assertThat(done.authenticatedUser()).contains("alice");
        assertThat(done.isTls()).isTrue();
        assertThat(done.isAuthenticated()).isTrue();
        assertThat(connected.heloName()).isEmpty();
        assertThat(connected).isEqualTo(SessionInfo.newConnection("s1", REMOTE, LOCAL));
    }

    @Test
    void refusesMissingParts() {
        assertThatThrownBy(() -> SessionInfo.newConnection(null, REMOTE, LOCAL)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SessionInfo.newConnection("s1", null, LOCAL)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SessionInfo.newConnection("s1", REMOTE, LOCAL).withHelo(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TlsInfo("TLSv1.3", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlsInfo(null, "x")).isInstanceOf(NullPointerException.class);
    }
}
