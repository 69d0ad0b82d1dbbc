package dev.mailwright.server.cli;

import dev.mailwright.server.config.MailwrightConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that act on a server's data. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The server's mailwright.toml (default: the embedded defaults, data in ./mailwright-data).")
    Path file;

    /** The configuration, or the embedded defaults without {@code --config}. */
    MailwrightConfig load() {
        return file == null ? MailwrightConfig.embeddedDefaults(Path.of("")) : MailwrightConfig.load(file);
    }
}
