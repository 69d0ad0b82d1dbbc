package dev.mailwright.server.cli;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsjavaResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where DNS answers come from: zone files, one name server, or the system's resolvers. */
final class DnsOptions {

    @Option(names = "--dns-zone", paramLabel = "ZONEFILE",
            description = "Answer DNS from this RFC 1035 master file (repeatable); names it lacks do not exist.")
    List<Path> zones = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "HOST:PORT", description = "Ask this name server instead of the system's.")
    String server;

    /** The resolver the options ask for. */
    DnsResolver resolver() {
        if (!zones.isEmpty() && server != null) {
            throw new InputError("--dns-zone and --dns cannot be used together");
        }
        if (!zones.isEmpty()) {
            ZoneFileResolver.Builder builder = ZoneFileResolver.builder();
            for (Path zone : zones) {
                try {
                    builder.zone(zone);
                } catch (UncheckedIOException e) {
                    throw new InputError("cannot read zone file " + zone);
                } catch (IllegalArgumentException e) {
                    throw new InputError(e.getMessage());
                }
            }
            return builder.build();
        }
        if (server != null) {
            try {
                return DnsjavaResolver.builder().server(server).build();
            } catch (IllegalArgumentException e) {
                throw new InputError("--dns: " + e.getMessage());
            }
        }
        return DnsResolver.system();
    }
}
