package dev.mailwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension under JUnit itself: scenario classes run by a launcher with parallel
 * execution switched on explicitly (four threads, whatever this machine has), and what they
 * saw checked afterwards. The scenarios are static nested classes, which the build's own
 * test run skips.
 */
@Execution(ExecutionMode.SAME_THREAD)
class ExtensionScenariosTest {

    /** What the scenario classes saw, by scenario. Only the scenario run by the current test writes here. */
    static final Map<String, Queue<TestMailServer>> SEEN = new ConcurrentHashMap<>();

    static void saw(String scenario, TestMailServer server) {
        SEEN.computeIfAbsent(scenario, k -> new ConcurrentLinkedQueue<>()).add(server);
    }

    static List<TestMailServer> seen(String scenario) {
        return new ArrayList<>(SEEN.getOrDefault(scenario, new ConcurrentLinkedQueue<>()));
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void perMethodServersRunSideBySideAndSeeOnlyTheirOwnMail() {
        TestExecutionSummary summary = run(PerMethodInParallel.class);
        assertThat(failures(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(PerMethodInParallel.TESTS);
        List<TestMailServer> servers = seen("parallel");
        assertThat(servers).hasSize(PerMethodInParallel.TESTS).doesNotHaveDuplicates();
        assertThat(servers).noneMatch(TestMailServer::isRunning);
    }

    @Test
    void aPerClassServerIsSharedByParallelTestsAndNestedClasses() {
        TestExecutionSummary summary = run(PerClassWithNested.class);
        assertThat(failures(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(PerClassWithNested.TESTS + 2);
        List<TestMailServer> servers = seen("per-class");
        assertThat(servers).hasSize(PerClassWithNested.TESTS + 2 + 1);
        assertThat(servers).allMatch(s -> s == servers.get(0));
        assertThat(servers.get(0).isRunning()).as("stopped after the class").isFalse();
    }

    @Test
    void perMethodServersInNestedClassesAreNewForEveryTest() {
        TestExecutionSummary summary = run(PerMethodWithNested.class);
        assertThat(failures(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        List<TestMailServer> servers = seen("per-method-nested");
        assertThat(servers).hasSize(3).doesNotHaveDuplicates().noneMatch(TestMailServer::isRunning);
    }

    @Test
    void oneStaticExtensionInheritedByClassesRunningAtOnceKeepsTheirServersApart() {
        TestExecutionSummary summary = run(InheritingA.class, InheritingB.class);
        assertThat(failures(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
        List<TestMailServer> a = seen("inheriting-A");
        List<TestMailServer> b = seen("inheriting-B");
        assertThat(a).hasSize(2).allMatch(s -> s == a.get(0));
        assertThat(b).hasSize(2).allMatch(s -> s == b.get(0));
        assertThat(a.get(0)).isNotSameAs(b.get(0));
    }

    @Test
    void aPerClassExtensionOnAnInstanceFieldIsRefusedClearly() {
        TestExecutionSummary summary = run(PerClassOnInstanceField.class);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("MailServerExtension.perClass() has no server for")
                .hasMessageContaining("register it on a static field");
    }

    @Test
    void aPerMethodServerIsNotAvailableInBeforeAll() {
        TestExecutionSummary summary = run(PerMethodParameterInBeforeAll.class);
        assertThat(summary.getFailures()).hasSize(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("a per-method server exists only around a test method");
    }

    private static List<String> failures(TestExecutionSummary summary) {
        return summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException()).toList();
    }

    private static TestExecutionSummary run(Class<?>... classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8");
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(built, listener);
        return listener.getSummary();
    }

    // ---- scenarios ----

    @Execution(ExecutionMode.CONCURRENT)
    static class PerMethodInParallel {
        static final int TESTS = 4;
        /** Every test waits here for the others: they pass only if they all run at once. */
        static final CountDownLatch TOGETHER = new CountDownLatch(TESTS);

        @RegisterExtension
        static MailServerExtension mail = MailServerExtension.perMethod().configure(b -> b.protocols(Protocol.SMTP));

        @RepeatedTest(TESTS)
        void sendsAndSeesOnlyItsOwnMessage(TestMailServer server) throws Exception {
            saw("parallel", server);
            TOGETHER.countDown();
            assertThat(TOGETHER.await(30, TimeUnit.SECONDS)).as("all tests running at once").isTrue();
            assertThat(mail.server()).isSameAs(server);
            String subject = "from " + Thread.currentThread().getName() + " " + System.identityHashCode(server);
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com", subject, "text");
            List<ReceivedMessage> received = mail.awaitMessages(1, Duration.ofSeconds(10));
            assertThat(received).hasSize(1);
            MailAssertions.assertThat(received.get(0)).hasSubject(subject);
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Execution(ExecutionMode.CONCURRENT)
    static class PerClassWithNested {
        static final int TESTS = 4;

        @RegisterExtension
        static MailServerExtension mail = MailServerExtension.perClass().configure(b -> b.protocols(Protocol.SMTP));

        @AfterAll
        static void stillRunningInAfterAll(TestMailServer server) {
            assertThat(server.isRunning()).isTrue();
            saw("per-class", server);
        }

        @RepeatedTest(TESTS)
        void sendsToItsOwnRecipient(TestMailServer server, RepetitionInfo repetition) throws Exception {
            saw("per-class", server);
            assertThat(mail.server()).isSameAs(server);
            String to = "user" + repetition.getCurrentRepetition() + "@example.com";
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", to, "for " + to, "text");
            List<ReceivedMessage> mine = mail.awaitMessagesFor(to, 1, Duration.ofSeconds(10));
            assertThat(mine).singleElement().satisfies(m -> MailAssertions.assertThat(m).hasSubject("for " + to));
        }

        @Nested
        class Inner {
            @Test
            void usesTheOuterServer(TestMailServer server) {
                saw("per-class", server);
                assertThat(mail.server()).isSameAs(server);
                assertThat(server.isRunning()).isTrue();
            }

            @Nested
            class Deeper {
                @Test
                void stillTheOuterServer(TestMailServer server) {
                    saw("per-class", server);
                    assertThat(mail.server()).isSameAs(server);
                }
            }
        }
    }

    static class PerMethodWithNested {
        @RegisterExtension
        static MailServerExtension mail = MailServerExtension.perMethod().configure(b -> b.protocols(Protocol.SMTP));

        @Test
        void outer(TestMailServer server) {
            saw("per-method-nested", server);
            assertThat(mail.server()).isSameAs(server);
        }

        @Nested
        class Inner {
            @Test
            void first(TestMailServer server) throws Exception {
                saw("per-method-nested", server);
                Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com", "one", "text");
                assertThat(mail.awaitMessages(1)).hasSize(1);
            }

            @Test
            void second(TestMailServer server) {
                saw("per-method-nested", server);
                assertThat(server.messages()).isEmpty();
            }
        }
    }

    abstract static class InheritingBase {
        @RegisterExtension
        static MailServerExtension mail = MailServerExtension.perClass().configure(b -> b.protocols(Protocol.SMTP));

        abstract String name();

        @Test
        @Order(1)
        void sends() throws Exception {
            saw("inheriting-" + name(), mail.server());
            String to = name() + "@example.com";
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", to, name(), "text");
            assertThat(mail.awaitMessagesFor(to, 1, Duration.ofSeconds(10))).hasSize(1);
        }

        @Test
        @Order(2)
        void seesOnlyItsOwnClassesMail() throws Exception {
            saw("inheriting-" + name(), mail.server());
            mail.awaitMessagesFor(name() + "@example.com", 1, Duration.ofSeconds(10));
            assertThat(mail.messages()).allSatisfy(m -> MailAssertions.assertThat(m).hasSubject(name()));
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class InheritingA extends InheritingBase {
        @Override
        String name() {
            return "A";
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class InheritingB extends InheritingBase {
        @Override
        String name() {
            return "B";
        }
    }

    static class PerClassOnInstanceField {
        @RegisterExtension
        MailServerExtension mail = MailServerExtension.perClass();

        @Test
        void cannotRun() {
            mail.server();
        }
    }

    static class PerMethodParameterInBeforeAll {
        @RegisterExtension
        static MailServerExtension mail = MailServerExtension.perMethod();

        @BeforeAll
        static void tooEarly(TestMailServer server) {
            server.messages();
        }

        @Test
        void neverRuns() {
            mail.server();
        }
    }
}
