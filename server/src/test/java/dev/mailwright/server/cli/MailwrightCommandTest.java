package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MailwrightCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Mailwright.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void versionPrintsTheProjectVersion() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).startsWith("mailwright " + MailwrightVersion.version() + " (Java ");
        assertThat(MailwrightVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: mailwright").contains("version").contains("run");
    }

    @Test
    void unknownCommandIsOneLineAndExitStatusTwo() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("frobnicate").contains("--help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownOptionNamesTheOption() {
        assertThat(run("version", "--loud")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailwright: Unknown option: '--loud' (see 'mailwright version --help')");
    }
}
