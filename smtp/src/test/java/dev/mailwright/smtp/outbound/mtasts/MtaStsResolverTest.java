package dev.mailwright.smtp.outbound.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.smtp.outbound.fixtures.MutableClock;
import dev.mailwright.smtp.outbound.fixtures.PolicyServer;
import dev.mailwright.smtp.outbound.fixtures.TestCa;
import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.tls.PkixHostTrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtaStsResolverTest {

    private static final TestCa CA = TestCa.create("Policy CA");
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.net\r\nmax_age: 86400\r\n";
    private static final String HOSTS = "$TTL 300\nmta-sts IN A 127.0.0.1\n";

    @TempDir
    Path dir;

    private PolicyServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeEach
    void startServer() throws IOException {
        server = new PolicyServer(CA.issue("mta-sts.example.net").serverContext(), POLICY);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static DnsResolver dns(String txt) {
        return ZoneFileResolver.builder().zoneText("example.net.", HOSTS
                + (txt == null ? "" : "_mta-sts IN TXT \"" + txt + "\"\n")).build();
    }

    private HttpsPolicyFetcher fetcher(DnsResolver dns, TestCa trusted) {
        return new HttpsPolicyFetcher(dns, PkixHostTrustManager.trustOf(trusted.trustStore()), server.port(),
                Duration.ofSeconds(10));
    }

    private MtaStsResolver resolver(String txt, MtaStsPolicyStore store) {
        DnsResolver dns = dns(txt);
        return new MtaStsResolver(dns, fetcher(dns, CA), store, clock);
    }

    @Test
    void fetchesThePolicyOverHttpsFromTheLoopbackHost() throws IOException {
        assertThat(fetcher(dns(null), CA).fetch("example.net")).isEqualTo(POLICY);
    }

    @Test
    void refusesRedirectsWrongTypesUntrustedCertificatesAndHugeBodies() {
        server.status(301);
        assertThatThrownBy(() -> fetcher(dns(null), CA).fetch("example.net")).hasMessageContaining("HTTP status 301");
        server.status(200).contentType("text/html");
        assertThatThrownBy(() -> fetcher(dns(null), CA).fetch("example.net")).hasMessageContaining("not text/plain");
        server.contentType("text/plain; charset=utf-8").body("x".repeat(MtaStsPolicy.MAX_POLICY_BYTES + 1));
        assertThatThrownBy(() -> fetcher(dns(null), CA).fetch("example.net")).hasMessageContaining("larger than");
        server.body(POLICY);
        assertThatThrownBy(() -> fetcher(dns(null), TestCa.create("Stranger")).fetch("example.net"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesACertificateForAnotherName() throws IOException {
        try (PolicyServer wrong = new PolicyServer(CA.issue("www.example.net").serverContext(), POLICY)) {
            HttpsPolicyFetcher fetcher = new HttpsPolicyFetcher(dns(null),
                    PkixHostTrustManager.trustOf(CA.trustStore()), wrong.port(), Duration.ofSeconds(10));
            assertThatThrownBy(() -> fetcher.fetch("example.net")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void policyIsCachedByIdAndRefetchedWhenTheIdChanges() {
        MtaStsPolicyStore store = new InMemoryMtaStsPolicyStore();
        assertThat(resolver("v=STSv1; id=one;", store).policyFor("example.net").orElseThrow().mode())
                .isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(resolver("v=STSv1; id=one;", store).policyFor("example.net")).isPresent();
        assertThat(server.requests()).isEqualTo(1);

        server.body(POLICY.replace("enforce", "testing"));
        assertThat(resolver("v=STSv1; id=two;", store).policyFor("example.net").orElseThrow().mode())
                .isEqualTo(MtaStsPolicy.Mode.TESTING);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void cachedPolicySurvivesAStrippedRecordOrAFailedFetchUntilItExpires() {
        MtaStsPolicyStore store = new InMemoryMtaStsPolicyStore();
        resolver("v=STSv1; id=one;", store).policyFor("example.net");

        assertThat(resolver(null, store).policyFor("example.net")).as("TXT record stripped").isPresent();
        server.status(500);
        assertThat(resolver("v=STSv1; id=two;", store).policyFor("example.net")).as("fetch failed").isPresent();

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(resolver(null, store).policyFor("example.net")).as("expired").isEmpty();
    }

    @Test
    void noPolicyWithoutRecordOrWithModeNone() {
        MtaStsPolicyStore store = new InMemoryMtaStsPolicyStore();
        assertThat(resolver(null, store).policyFor("example.net")).isEmpty();
        assertThat(server.requests()).isZero();
        server.body("version: STSv1\nmode: none\nmax_age: 86400\n");
        assertThat(resolver("v=STSv1; id=off;", store).policyFor("example.net")).isEmpty();
    }

    @Test
    void fileStoreKeepsPoliciesAcrossRestarts() {
        resolver("v=STSv1; id=one;", FileMtaStsPolicyStore.open(dir)).policyFor("example.net");
        server.status(404);

        Optional<MtaStsPolicy> after = resolver("v=STSv1; id=one;", FileMtaStsPolicyStore.open(dir))
                .policyFor("example.net");

        assertThat(after).map(MtaStsPolicy::mx).contains(java.util.List.of("mx.example.net"));
        assertThat(server.requests()).isEqualTo(1);
        assertThat(dir.resolve("example.net.policy")).content().contains("id=one", "mode: enforce");
    }
}
