package dev.mailwright.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasFileTest {

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void parsesAndReloadsWhenTheFileChanges() throws IOException {
        Path file = dir.resolve("aliases");
        Files.writeString(file, "# team\ninfo@example.org: alice@example.org, bob@example.org\n\nSales : carol@example.net\n");
        AliasFile aliases = new AliasFile(file, clock, Duration.ofSeconds(2));
        assertThat(aliases.aliases()).containsEntry("info@example.org", List.of("alice@example.org", "bob@example.org"))
                .containsEntry("sales", List.of("carol@example.net"));

        Files.writeString(file, "info@example.org: bob@example.org\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(aliases.aliases()).containsKey("sales"); // not checked again yet
        now.set(now.get().plusSeconds(3));
        assertThat(aliases.aliases()).containsOnlyKeys("info@example.org");
    }

    @Test
    void aBrokenReloadKeepsTheLastGoodAliases() throws IOException {
        Path file = dir.resolve("aliases");
        Files.writeString(file, "info@example.org: alice@example.org\n");
        AliasFile aliases = new AliasFile(file, clock, Duration.ofSeconds(1));
        Files.writeString(file, "this line has no colon\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        now.set(now.get().plusSeconds(5));
        assertThat(aliases.aliases()).containsOnlyKeys("info@example.org");
    }

    @Test
    void aBrokenFileAtStartUpNamesTheLine() throws IOException {
        Path file = dir.resolve("aliases");
        Files.writeString(file, "a@example.org: b@example.org\n\nbroken\n");
        assertThatThrownBy(() -> new AliasFile(file, clock, Duration.ofSeconds(1)))
                .hasMessage(file + " line 3: expected 'alias: target, target'");
        Files.writeString(file, "a: x@example.org\nA: y@example.org\n");
        assertThatThrownBy(() -> new AliasFile(file, clock, Duration.ofSeconds(1)))
                .hasMessage(file + " line 2: alias 'a' defined twice");
        assertThatThrownBy(() -> new AliasFile(dir.resolve("missing"), clock, Duration.ofSeconds(1)))
                .hasMessageContaining("no such file");
    }
}
