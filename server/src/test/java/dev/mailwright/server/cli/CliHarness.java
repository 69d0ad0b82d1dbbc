package dev.mailwright.server.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Runs the mailwright command in-process against a configuration file, keeping what it printed. */
final class CliHarness {

    /** The configuration most command tests use: example.org, data in {@code data/} beside the file. */
    static final String EXAMPLE_CONFIG = "hostname = \"mx.example.org\"\ndomains = [\"example.org\"]\ndata-dir = \"data\"\n";

    private final Path config;
    private String out = "";
    private String err = "";

    /** Uses {@code config}, writing the example configuration there if it does not exist. */
    CliHarness(Path config) {
        this.config = config;
    }

    /** Runs {@code args} with {@code --config} and {@code stdin}; returns the exit status. */
    int run(String stdin, String... args) throws IOException {
        if (!Files.exists(config)) {
            Files.writeString(config, EXAMPLE_CONFIG);
        }
        String[] full = Arrays.copyOf(args, args.length + 2);
        full[args.length] = "--config";
        full[args.length + 1] = config.toString();
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        int status = Mailwright.execute(full, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new PrintWriter(outText, true), new PrintWriter(errText, true));
        out = outText.toString();
        err = errText.toString();
        return status;
    }

    String out() {
        return out;
    }

    String err() {
        return err;
    }
}
