package dev.mailwright.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version this build of Mailwright carries, from a resource filled in by Maven. */
public final class MailwrightVersion {

    private MailwrightVersion() {}

    /** The project version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        try (InputStream in = MailwrightVersion.class.getResourceAsStream("/dev/mailwright/server/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line naming the version and the Java runtime. */
    public static String describe() {
        return "mailwright " + version() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vendor") + ")";
    }

    /** Feeds {@code --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {describe()};
        }
    }
}
