package dev.mailwright.smtp.outbound.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.dns.ZoneFileResolver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MxRouterTest {

    private static final ZoneFileResolver DNS = ZoneFileResolver.builder()
            .zoneText("example.net.", """
                    $TTL 300
                    @        IN MX 20 backup
                    @        IN MX 10 mx-a
                    @        IN MX 10 mx-b
                    mx-a     IN A 192.0.2.1
                    mx-b     IN A 192.0.2.2
                    backup   IN AAAA 2001:db8::25
                    """)
            .zoneText("implicit.example.", """
                    $TTL 300
                    @        IN A 192.0.2.9
                    """)
            .zoneText("nomail.example.", """
                    $TTL 300
                    @        IN MX 0 .
                    @        IN A 192.0.2.10
                    """)
            .zoneText("empty.example.", """
                    $TTL 300
                    @        IN TXT "nothing here"
                    """)
            .failing("broken.example.")
            .build();

    @Test
    void hostsComeInPreferenceOrderWithEqualPreferencesShuffled() {
        Set<List<String>> orders = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            Route.Hosts route = (Route.Hosts) new MxRouter(DNS, new SplittableRandom(seed)).route("example.net");
            List<String> names = route.hosts().stream().map(MxHost::name).toList();
            assertThat(names.get(2)).isEqualTo("backup.example.net");
            orders.add(names);
            assertThat(route.implicit()).isFalse();
            assertThat(route.authenticated()).isFalse();
        }
        assertThat(orders).containsExactlyInAnyOrder(
                List.of("mx-a.example.net", "mx-b.example.net", "backup.example.net"),
                List.of("mx-b.example.net", "mx-a.example.net", "backup.example.net"));
    }

    @Test
    void domainWithoutMxIsItsOwnImplicitMx() {
        Route.Hosts route = (Route.Hosts) new MxRouter(DNS, new SplittableRandom(1)).route("implicit.example");
        assertThat(route.implicit()).isTrue();
        assertThat(route.hosts()).containsExactly(new MxHost("implicit.example", 0));
    }

    @Test
    void nullMxIsAPermanentFailureWhateverTheAddressRecords() {
        Route.Failure failure = (Route.Failure) new MxRouter(DNS, new SplittableRandom(1)).route("nomail.example");
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.enhancedStatus()).isEqualTo("5.1.10");
        assertThat(failure.code()).isEqualTo(556);
    }

    @Test
    void missingDomainIsPermanentAndDnsTroubleTemporary() {
        MxRouter router = new MxRouter(DNS, new SplittableRandom(1));
        assertThat(router.route("nowhere.example")).isEqualTo(new Route.Failure(true, 550, "5.1.2",
                "domain nowhere.example does not exist"));
        assertThat(((Route.Failure) router.route("empty.example")).permanent()).isTrue();
        Route.Failure broken = (Route.Failure) router.route("broken.example");
        assertThat(broken.permanent()).isFalse();
        assertThat(broken.enhancedStatus()).isEqualTo("4.4.3");
    }

    @Test
    void authenticatedAnswersAreMarkedForDane() {
        ZoneFileResolver signed = DNS.toBuilder().authenticated(true).build();
        assertThat(((Route.Hosts) new MxRouter(signed, new SplittableRandom(1)).route("example.net")).authenticated())
                .isTrue();
    }
}
